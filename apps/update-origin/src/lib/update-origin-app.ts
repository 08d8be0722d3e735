import { GetObjectCommand, HeadBucketCommand, HeadObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { cacheControlFor, classifyUpdatePath, contentTypeFor, UpdatePathKind } from '@factsway/release';
import express, { Express, NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Logger } from 'pino';
import { isNotModified, rangeStillApplies } from './conditional-request';
import { exactLength } from './exact-length';
import { OriginMetrics } from './origin-metrics';
import { objectKeyFromPath } from './update-object-key';

export interface UpdateOriginAppOptions {
  s3: S3Client;
  bucket: string;
  logger: Logger;
  metrics: OriginMetrics;
}

interface StoredObject {
  size: number;
  etag: string;
  lastModified?: Date;
}

function isMissing(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NotFound' || error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404)
  );
}

function sendError(res: Response, status: number, code: string, message: string): void {
  if (res.req.method === 'HEAD') {
    res.status(status).end();
    return;
  }
  res.status(status).json({ error: { code, message, requestId: res.getHeader('x-request-id') } });
}

/**
 * Serves the update bucket the way CloudFront serves it to electron-updater: per-path
 * Content-Type and Cache-Control (the same rules the publisher and the CDN use), the
 * bucket's ETag, 304 on a matching If-None-Match, one byte range per request (206),
 * 404 for missing keys, no compression.
 */
export function createUpdateOriginApp(options: UpdateOriginAppOptions): Express {
  const { s3, bucket, logger, metrics } = options;
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');

  app.use((req, res, next) => {
    const requestId = req.get('x-request-id') ?? randomUUID();
    res.setHeader('x-request-id', requestId);
    next();
  });

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/ready', async (_req, res) => {
    try {
      await s3.send(new HeadBucketCommand({ Bucket: bucket }));
      res.json({ status: 'ready', bucket });
    } catch (error) {
      logger.warn({ err: error, bucket }, 'bucket not reachable');
      sendError(res, 503, 'bucket_unavailable', `bucket ${bucket} is not reachable`);
    }
  });

  app.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });

  app.use(async (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const rawPath = req.originalUrl.split('?')[0];
    const parsed = objectKeyFromPath(rawPath);
    const kind: UpdatePathKind = parsed.ok ? classifyUpdatePath(parsed.key) : 'other';
    let bodyBytes = 0;

    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.requests.inc({ kind, status: String(res.statusCode) });
      metrics.duration.observe({ kind }, seconds);
      metrics.bytes.inc({ kind }, bodyBytes);
      logger.info(
        { requestId: res.getHeader('x-request-id'), method: req.method, path: rawPath, kind, status: res.statusCode, bytes: bodyBytes, ms: Math.round(seconds * 1000) },
        'request',
      );
    });

    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('Allow', 'GET, HEAD');
        return sendError(res, 405, 'method_not_allowed', `${req.method} is not allowed; the update origin is read-only`);
      }
      if (!parsed.ok) {
        return parsed.reason === 'no file named'
          ? sendError(res, 404, 'not_found', 'no file at /')
          : sendError(res, 400, 'bad_path', `refused path: ${parsed.reason}`);
      }
      const key = parsed.key;

      // HEAD then GET: if the object is replaced in between (a publish rewriting a
      // manifest), the GET's ETag differs and the whole answer is worked out again,
      // so headers and body always describe the same bytes.
      for (let attempt = 1; ; attempt++) {
        let object: StoredObject;
        try {
          const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
          object = { size: head.ContentLength ?? 0, etag: head.ETag ?? '""', lastModified: head.LastModified };
        } catch (error) {
          if (isMissing(error)) return sendError(res, 404, 'not_found', `no file at /${key}`);
          throw error;
        }

        res.setHeader('Content-Type', contentTypeFor(key));
        res.setHeader('Cache-Control', cacheControlFor(key));
        res.setHeader('ETag', object.etag);
        if (object.lastModified) res.setHeader('Last-Modified', object.lastModified.toUTCString());
        res.setHeader('Accept-Ranges', 'bytes');
        res.setHeader('X-Content-Type-Options', 'nosniff');

        if (isNotModified(req, object)) {
          res.status(304).end();
          return;
        }

        let range: { start: number; end: number } | undefined;
        const ranges =
          req.get('range') !== undefined && rangeStillApplies(req, object) ? req.range(object.size, { combine: true }) : undefined;
        if (ranges === -1) {
          res.setHeader('Content-Range', `bytes */${object.size}`);
          return sendError(res, 416, 'range_not_satisfiable', `range ${req.get('range')} is outside 0-${object.size - 1}`);
        }
        // A malformed (-2) or multi-part range is ignored and the whole file sent, as RFC 9110 allows.
        if (Array.isArray(ranges) && ranges.type === 'bytes' && ranges.length === 1) range = ranges[0];

        if (range) {
          res.status(206);
          res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${object.size}`);
          res.setHeader('Content-Length', String(range.end - range.start + 1));
        } else {
          res.status(200);
          res.removeHeader('Content-Range');
          res.setHeader('Content-Length', String(object.size));
        }
        if (req.method === 'HEAD' || object.size === 0) {
          res.end();
          return;
        }

        let body;
        try {
          body = await s3.send(
            new GetObjectCommand({ Bucket: bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
          );
        } catch (error) {
          if (isMissing(error) && attempt < 3) continue;
          throw error;
        }
        if (body.ETag !== object.etag) {
          (body.Body as Readable).destroy();
          if (attempt < 3) continue;
          throw new Error(`/${key} kept changing while being read`);
        }
        const length = range ? range.end - range.start + 1 : object.size;
        const stream = exactLength(body.Body as Readable, length);
        stream.on('data', (chunk: Buffer) => {
          bodyBytes += chunk.length;
        });
        stream.on('error', (error) => {
          metrics.bucketErrors.inc();
          logger.error({ err: error, key }, 'bucket stream failed mid-response');
          res.destroy(error);
        });
        stream.pipe(res);
        return;
      }
    } catch (error) {
      next(error);
    }
  });

  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    metrics.bucketErrors.inc();
    logger.error({ err: error }, 'bucket read failed');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    // What CloudFront answers when its origin fails: a 502, not the client's fault.
    res.removeHeader('ETag');
    res.removeHeader('Cache-Control');
    res.removeHeader('Content-Length');
    sendError(res, 502, 'bucket_unavailable', 'the update bucket could not be read');
  });

  return app;
}
