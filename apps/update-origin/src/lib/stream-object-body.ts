import type { Response } from 'express';
import type { Logger } from 'pino';
import { Readable } from 'node:stream';
import { exactLength } from './exact-length';
import type { OriginMetrics } from './origin-metrics';
import type { BodyCounter } from './record-origin-request';

export interface StreamObjectBodyOptions {
  key: string;
  /** The Content-Length already announced. */
  length: number;
  counter: BodyCounter;
  metrics: OriginMetrics;
  logger: Logger;
}

/**
 * Pipes exactly the announced bytes of the bucket's stream to the client. A bucket that
 * fails mid-body cannot be answered with an error any more: the connection is cut, so
 * the client sees a short download rather than a wrong file. A client that goes away
 * mid-body ends the bucket read too: a paused bucket response would hold one of the S3
 * client's pooled sockets for good, and once the pool is used up every bucket read waits.
 */
export function streamObjectBody(res: Response, body: Readable, options: StreamObjectBodyOptions): void {
  // The client may have gone while the bucket was still answering.
  if (res.destroyed) {
    body.destroy();
    return;
  }
  const stream = exactLength(body, options.length);
  stream.on('data', (chunk: Buffer) => options.counter.add(chunk.length));
  stream.on('error', (error) => {
    options.metrics.bucketErrors.inc();
    options.logger.error({ err: error, key: options.key }, 'bucket stream failed mid-response');
    res.destroy(error);
  });
  res.once('close', () => {
    if (stream.readableEnded) return;
    body.destroy();
    stream.destroy();
  });
  stream.pipe(res);
}
