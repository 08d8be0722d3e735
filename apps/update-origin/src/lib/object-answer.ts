import { HttpError } from '@factsway/shared-utils';
import type { Request, Response } from 'express';
import type { StoredObject } from './bucket-object';
import { chooseByteRange, type ByteRange } from './byte-range';
import { isNotModified } from './conditional-request';
import { setObjectHeaders } from './object-headers';

/** 304, or a body: the whole object (`range` undefined) or one range of it. */
export type ObjectAnswer = { kind: 'not-modified' } | { kind: 'body'; range?: ByteRange };

/**
 * Sets the object's headers and decides the answer from its size and validators, in RFC 9110's
 * order: conditional request (304), then the range (206, or 416 thrown with the size).
 */
export function decideObjectAnswer(req: Request, res: Response, key: string, object: StoredObject): ObjectAnswer {
  setObjectHeaders(res, key, object);
  if (isNotModified(req, object)) return { kind: 'not-modified' };
  const answer = chooseByteRange(req, object);
  if (answer.kind === 'unsatisfiable') {
    res.setHeader('Content-Range', `bytes */${object.size}`);
    throw new HttpError(416, 'range_not_satisfiable', `range ${req.get('range')} is outside 0-${object.size - 1}`);
  }
  return { kind: 'body', range: answer.kind === 'range' ? answer.range : undefined };
}

export function notFound(key: string): HttpError {
  return new HttpError(404, 'not_found', `no file at /${key}`);
}
