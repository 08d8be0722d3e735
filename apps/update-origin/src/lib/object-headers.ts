import { cacheControlFor, contentTypeFor } from '@factsway/update-path';
import type { Response } from 'express';
import type { StoredObject } from './bucket-object';

/** What CloudFront sends for every object: the update path's Content-Type and Cache-Control, the bucket's validators. */
export function setObjectHeaders(res: Response, key: string, object: StoredObject): void {
  res.setHeader('Content-Type', contentTypeFor(key));
  res.setHeader('Cache-Control', cacheControlFor(key));
  res.setHeader('ETag', object.etag);
  if (object.lastModified) res.setHeader('Last-Modified', object.lastModified.toUTCString());
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('X-Content-Type-Options', 'nosniff');
}
