import type { Request } from 'express';

export interface ObjectValidators {
  etag: string;
  lastModified?: Date;
}

function opaqueTag(tag: string): string {
  return tag.trim().replace(/^W\//, '');
}

/** RFC 9110 13.1.2/13.1.3: If-None-Match (weak comparison) wins over If-Modified-Since. */
export function isNotModified(req: Request, object: ObjectValidators): boolean {
  const ifNoneMatch = req.get('if-none-match');
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() === '*') return true;
    const wanted = opaqueTag(object.etag);
    return ifNoneMatch.split(',').some((tag) => opaqueTag(tag) === wanted);
  }
  const ifModifiedSince = req.get('if-modified-since');
  if (ifModifiedSince !== undefined && object.lastModified) {
    const since = Date.parse(ifModifiedSince);
    // Last-Modified has one-second resolution on the wire.
    return !Number.isNaN(since) && Math.floor(object.lastModified.getTime() / 1000) * 1000 <= since;
  }
  return false;
}

/** RFC 9110 13.1.5: a Range is honoured only if If-Range (when sent) still names this representation. */
export function rangeStillApplies(req: Request, object: ObjectValidators): boolean {
  const ifRange = req.get('if-range');
  if (ifRange === undefined) return true;
  if (ifRange.trim().startsWith('"') || ifRange.trim().startsWith('W/')) {
    return !ifRange.trim().startsWith('W/') && ifRange.trim() === object.etag;
  }
  const date = Date.parse(ifRange);
  return !Number.isNaN(date) && object.lastModified !== undefined && object.lastModified.getTime() <= date;
}
