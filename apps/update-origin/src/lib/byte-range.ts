import type { Request, Response } from 'express';
import { rangeStillApplies, type ObjectValidators } from './conditional-request';

export interface ByteRange {
  start: number;
  end: number;
}

/** The whole object, one satisfiable byte range of it, or a range that lies outside it (416). */
export type RangeAnswer = { kind: 'whole' } | { kind: 'range'; range: ByteRange } | { kind: 'unsatisfiable' };

/**
 * One byte range per request, as electron-updater's differential downloader asks for
 * (`isUseMultipleRangeRequest: false`). A malformed or multi-part range, or a stale
 * If-Range, is ignored and the whole file sent, as RFC 9110 allows.
 */
export function chooseByteRange(req: Request, object: ObjectValidators & { size: number }): RangeAnswer {
  if (req.get('range') === undefined || !rangeStillApplies(req, object)) return { kind: 'whole' };
  const ranges = req.range(object.size, { combine: true });
  if (ranges === -1) return { kind: 'unsatisfiable' };
  if (Array.isArray(ranges) && ranges.type === 'bytes' && ranges.length === 1) return { kind: 'range', range: ranges[0] };
  return { kind: 'whole' };
}

/** Sets the status and the exact length of what follows (206 + Content-Range for a range); returns that length. */
export function announceBody(res: Response, size: number, range: ByteRange | undefined): number {
  if (range) {
    const length = range.end - range.start + 1;
    res.status(206);
    res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
    res.setHeader('Content-Length', String(length));
    return length;
  }
  res.status(200);
  res.removeHeader('Content-Range');
  res.setHeader('Content-Length', String(size));
  return size;
}
