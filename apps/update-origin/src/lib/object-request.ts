import { HttpError } from '@factsway/shared-utils';
import { classifyUpdatePath, UpdatePathKind } from '@factsway/update-path';
import type { Request } from 'express';
import { objectKeyFromPath } from './update-object-key';

/** A request for one object: its bucket key, or why it is refused. The kind labels metrics either way. */
export type ObjectRequest =
  | { kind: UpdatePathKind; key: string }
  | { kind: UpdatePathKind; refusal: HttpError; headers?: Record<string, string> };

/** First step of every object request: only GET and HEAD, only plain relative keys. */
export function resolveObjectRequest(req: Request): ObjectRequest {
  const parsed = objectKeyFromPath(req.originalUrl.split('?')[0]);
  const kind = parsed.ok ? classifyUpdatePath(parsed.key) : 'other';
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return {
      kind,
      refusal: new HttpError(405, 'method_not_allowed', `${req.method} is not allowed; the update origin is read-only`),
      headers: { Allow: 'GET, HEAD' },
    };
  }
  if (!parsed.ok) {
    return {
      kind,
      refusal:
        parsed.reason === 'no file named'
          ? new HttpError(404, 'not_found', 'no file at /')
          : new HttpError(400, 'bad_path', `refused path: ${parsed.reason}`),
    };
  }
  return { kind, key: parsed.key };
}
