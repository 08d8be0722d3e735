import { S3Client } from '@aws-sdk/client-s3';
import { HttpError, labelRoute } from '@factsway/shared-utils';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { Readable } from 'node:stream';
import { headObject, getObject } from './bucket-object';
import { announceBody, chooseByteRange } from './byte-range';
import { isNotModified } from './conditional-request';
import { setObjectHeaders } from './object-headers';
import { resolveObjectRequest } from './object-request';
import type { OriginMetrics } from './origin-metrics';
import { recordOriginRequest } from './record-origin-request';
import { streamObjectBody } from './stream-object-body';

export interface OriginBucket {
  s3: S3Client;
  bucket: string;
}

export interface UpdateObjectSource {
  /** The primary bucket, then optionally the secondary one it fails over to. */
  buckets: OriginBucket[];
  logger: Logger;
  metrics: OriginMetrics;
}

/** Headers one bucket's answer set; removed before another bucket answers. */
const objectHeaderNames = ['ETag', 'Last-Modified', 'Cache-Control', 'Content-Type', 'Content-Length', 'Content-Range', 'Accept-Ranges'];

/** A publish rewriting a manifest between our HEAD and GET is retried this often before giving up. */
const maxAttempts = 3;

/**
 * Serves the update bucket the way CloudFront serves it to electron-updater: per-path
 * Content-Type and Cache-Control (the rules of @factsway/update-path), the bucket's ETag,
 * 304 on a matching If-None-Match, one byte range per request (206), 404 for missing
 * keys, no compression. Like CloudFront's origin group, a request the primary bucket fails
 * (any error but a missing key, before a byte was sent) is answered from the secondary;
 * the last bucket's failure is thrown on to `answerBucketFailure`.
 */
export function serveUpdateObjects(source: UpdateObjectSource): RequestHandler {
  return async function serveUpdateObject(req: Request, res: Response) {
    const request = resolveObjectRequest(req);
    labelRoute(req, `${request.kind} file`);
    const counter = recordOriginRequest(res, request.kind, source.metrics);
    if ('refusal' in request) {
      for (const [name, value] of Object.entries(request.headers ?? {})) res.setHeader(name, value);
      throw request.refusal;
    }
    const { key } = request;

    for (const [index, origin] of source.buckets.entries()) {
      try {
        await serveFromBucket(origin, req, res, key, { counter, source });
        return;
      } catch (error) {
        const last = index === source.buckets.length - 1;
        if (error instanceof HttpError || res.headersSent || last) throw error;
        source.metrics.bucketErrors.inc({ bucket: 'primary' });
        source.metrics.failovers.inc({ kind: request.kind });
        res.locals['failedOver'] = true;
        source.logger.warn({ err: error, key, bucket: origin.bucket }, 'primary bucket failed; answering from the secondary');
        for (const name of objectHeaderNames) res.removeHeader(name);
      }
    }
  };
}

async function serveFromBucket(
  { s3, bucket }: OriginBucket,
  req: Request,
  res: Response,
  key: string,
  { counter, source }: { counter: ReturnType<typeof recordOriginRequest>; source: UpdateObjectSource },
): Promise<void> {
  // HEAD then GET: if the object is replaced in between, the GET's ETag differs and the
  // whole answer is worked out again, so headers and body always describe the same bytes.
  for (let attempt = 1; ; attempt++) {
    const object = await headObject(s3, bucket, key);
    if (!object) throw new HttpError(404, 'not_found', `no file at /${key}`);
    setObjectHeaders(res, key, object);
    if (isNotModified(req, object)) {
      res.status(304).end();
      return;
    }

    const answer = chooseByteRange(req, object);
    if (answer.kind === 'unsatisfiable') {
      res.setHeader('Content-Range', `bytes */${object.size}`);
      throw new HttpError(416, 'range_not_satisfiable', `range ${req.get('range')} is outside 0-${object.size - 1}`);
    }
    const range = answer.kind === 'range' ? answer.range : undefined;
    const length = announceBody(res, object.size, range);
    if (req.method === 'HEAD' || object.size === 0) {
      res.end();
      return;
    }

    const stored = await getObject(s3, bucket, key, range);
    if (!stored || stored.ETag !== object.etag) {
      (stored?.Body as Readable | undefined)?.destroy();
      if (attempt < maxAttempts) continue;
      throw new Error(`/${key} kept changing while being read`);
    }
    streamObjectBody(res, stored.Body as Readable, { key, length, counter, metrics: source.metrics, logger: source.logger });
    return;
  }
}
