import type { Request } from 'express';

/**
 * The client's Range as the bucket is first asked for it, before the object's size is known:
 * one `bytes=first-last`, `bytes=first-` or `bytes=-suffix`. Anything else (several ranges,
 * another unit, a malformed or backwards range) would get the whole file anyway, so the whole
 * object is asked for. The answer is still decided against the size the bucket reports
 * (`chooseByteRange`); this only saves a second GET in the usual case.
 */
export function bucketRangeFor(req: Request): string | undefined {
  const header = req.get('range');
  if (header === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, first, last] = match;
  if (first === '' && last === '') return undefined;
  if (first !== '' && last !== '' && Number(first) > Number(last)) return undefined;
  return `bytes=${first}-${last}`;
}
