import { HttpError } from '@factsway/shared-utils';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import type { OriginMetrics } from './origin-metrics';

/**
 * Anything but a refusal is the bucket failing: counted, logged with its cause, and
 * answered as CloudFront answers when its origin fails, a 502 (not the client's fault)
 * in the uniform error body. Refusals go on to the error renderer unchanged.
 */
export function answerBucketFailure(metrics: OriginMetrics, logger: Logger): ErrorRequestHandler {
  return function bucketFailure(error: unknown, _req, res, next) {
    if (error instanceof HttpError) return next(error);
    // The last bucket tried failed: the primary, or the secondary after a failover.
    metrics.bucketErrors.inc({ bucket: res.locals['failedOver'] ? 'secondary' : 'primary' });
    logger.error({ err: error }, 'bucket read failed');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    // Headers set for the object no longer describe this answer.
    res.removeHeader('ETag');
    res.removeHeader('Cache-Control');
    res.removeHeader('Content-Length');
    next(new HttpError(502, 'bucket_unavailable', 'the update bucket could not be read'));
  };
}
