import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { headObject, readObject, type ObjectRead, type OriginBucket } from './bucket-object';
import { bucketRangeFor } from './bucket-range';
import { announceBody } from './byte-range';
import { decideObjectAnswer, notFound } from './object-answer';
import type { OriginMetrics } from './origin-metrics';
import type { BodyCounter } from './record-origin-request';
import { streamObjectBody } from './stream-object-body';

export interface StreamedAnswerContext {
  counter: BodyCounter;
  metrics: OriginMetrics;
  logger: Logger;
}

/** A publish replacing the object while it is being read is retried this often before giving up. */
const maxAttempts = 3;

/**
 * Installers, blockmaps and other files: one GET to the bucket with the client's range, its
 * body streamed on. Headers and body always come from the same bucket answer. A second GET is
 * made only when that answer holds other bytes than the client is to get (a stale If-Range, or
 * a bucket that answers a range wrongly: s3rver sends the rest of the file for `bytes=0-0`
 * and its start for `bytes=-N`); a HEAD only for HEAD requests and after the bucket's 416,
 * which carries no validators.
 */
export async function serveStreamedObject(origin: OriginBucket, req: Request, res: Response, key: string, context: StreamedAnswerContext): Promise<void> {
  if (req.method === 'HEAD') {
    const object = await headObject(origin, key);
    if (!object) throw notFound(key);
    const answer = decideObjectAnswer(req, res, key, object);
    if (answer.kind === 'not-modified') res.status(304);
    else announceBody(res, object.size, answer.range);
    res.end();
    return;
  }

  let rangeAsked = bucketRangeFor(req);
  for (let attempt = 1; ; attempt++) {
    const result = await readObject(origin, key, rangeAsked);
    if (result.kind === 'missing') throw notFound(key);
    const read: ObjectRead | undefined = result.kind === 'found' ? result.read : undefined;
    try {
      const object = read ?? (await headObject(origin, key));
      if (!object) throw notFound(key);
      const answer = decideObjectAnswer(req, res, key, object);
      if (answer.kind === 'not-modified') {
        res.status(304).end();
        read?.body.destroy();
        return;
      }
      const wanted = answer.range ?? { start: 0, end: object.size - 1 };
      if (read && (object.size === 0 || (read.first === wanted.start && read.last >= wanted.end))) {
        const length = announceBody(res, object.size, answer.range);
        if (length === 0) {
          read.body.destroy();
          res.end();
        } else {
          streamObjectBody(res, read.body, { key, length, ...context });
        }
        return;
      }
      read?.body.destroy();
      if (attempt === maxAttempts) throw new Error(`/${key} kept changing while being read`);
      rangeAsked = answer.range ? `bytes=${answer.range.start}-${answer.range.end}` : undefined;
    } catch (error) {
      read?.body.destroy();
      throw error;
    }
  }
}
