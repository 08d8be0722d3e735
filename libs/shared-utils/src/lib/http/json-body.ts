import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { unsupportedMediaType } from '../errors/http-error';

export const DEFAULT_BODY_LIMIT = '1mb';

function isJsonType(mediaType: string): boolean {
  return mediaType === 'application/json' || (mediaType.startsWith('application/') && mediaType.endsWith('+json'));
}

function mediaTypeOf(req: Request): string {
  const header = req.headers['content-type'];
  return header ? header.split(';', 1)[0].trim().toLowerCase() : '';
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';
}

export interface JsonBodyOptions {
  /** Express/bytes size string or bytes, e.g. `1mb`; larger bodies get 413. */
  limit: string | number;
  /** Media types let through unparsed for routes that read them themselves (e.g. `multipart/form-data`). */
  acceptContentTypes: readonly string[];
}

/**
 * Parses JSON bodies up to `limit` (413 above it, 400 when malformed) and refuses any
 * other body with 415, so a route never sees a body it did not expect. Requests without
 * a body pass untouched.
 */
export function jsonBody(options: JsonBodyOptions): RequestHandler {
  const parseJson = express.json({ limit: options.limit, type: () => true });
  const accepted = new Set(options.acceptContentTypes.map((t) => t.toLowerCase()));
  return function jsonBodyParser(req: Request, res: Response, next: NextFunction) {
    if (!hasBody(req)) return next();
    const mediaType = mediaTypeOf(req);
    if (isJsonType(mediaType)) return parseJson(req, res, next);
    if (accepted.has(mediaType)) return next();
    return next(
      unsupportedMediaType(
        mediaType
          ? `Content-Type ${mediaType} is not accepted; send application/json`
          : 'Request has a body but no Content-Type; send application/json',
      ),
    );
  };
}
