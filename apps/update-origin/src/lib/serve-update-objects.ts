import { HttpError, labelRoute } from '@factsway/shared-utils';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { OriginBucket } from './bucket-object';
import type { ManifestCache } from './manifest-cache';
import { resolveObjectRequest } from './object-request';
import type { OriginMetrics } from './origin-metrics';
import { recordOriginRequest } from './record-origin-request';
import { serveCachedManifest } from './serve-cached-manifest';
import { serveStreamedObject } from './serve-streamed-object';

/** A bucket the origin answers from, with its manifests held in memory. */
export interface ServedBucket extends OriginBucket {
  manifests: ManifestCache;
}

export interface UpdateObjectSource {
  /** The primary bucket, then optionally the secondary one it fails over to. */
  buckets: ServedBucket[];
  logger: Logger;
  metrics: OriginMetrics;
}

/** Headers one bucket's answer set; removed before another bucket answers. */
const objectHeaderNames = ['ETag', 'Last-Modified', 'Cache-Control', 'Content-Type', 'Content-Length', 'Content-Range', 'Accept-Ranges'];

/**
 * Serves the update bucket the way CloudFront serves it to electron-updater: per-path
 * Content-Type and Cache-Control (the rules of @factsway/update-path), the bucket's ETag,
 * 304 on a matching If-None-Match, one byte range per request (206), 404 for missing
 * keys, no compression. Manifests come from memory, revalidated against the bucket at most
 * every `revalidateMs` (ManifestCache); every other file is streamed from one bucket GET.
 * Like CloudFront's origin group, a request the primary bucket fails (any error but a
 * missing key, before a byte was sent) is answered from the secondary; the last bucket's
 * failure is thrown on to `answerBucketFailure`.
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
        if (request.kind === 'manifest') await serveCachedManifest(origin.manifests, req, res, key, counter);
        else await serveStreamedObject(origin, req, res, key, { counter, metrics: source.metrics, logger: source.logger });
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
