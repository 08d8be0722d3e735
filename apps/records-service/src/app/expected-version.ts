import { badRequest, HttpError } from '@factsway/shared-utils';
import type { Request } from 'express';

/** `If-Match: "3"` (the draft's ETag) -> 3. */
function versionFromIfMatch(header: string): number {
  const match = /^\s*"([1-9]\d{0,9})"\s*$/.exec(header);
  if (!match) throw badRequest(`If-Match must be a draft ETag such as "3", got ${JSON.stringify(header)}`);
  return Number(match[1]);
}

/**
 * The version a change is based on, from `If-Match` or the body's `version`.
 * Both may be given but must agree. `required` makes a missing one a 428.
 */
export function expectedVersion(req: Request, bodyVersion: number | undefined, required: boolean): number | undefined {
  const header = req.get('if-match');
  const fromHeader = header === undefined ? undefined : versionFromIfMatch(header);
  if (fromHeader !== undefined && bodyVersion !== undefined && fromHeader !== bodyVersion) {
    throw badRequest(`If-Match (${fromHeader}) and body.version (${bodyVersion}) disagree`);
  }
  const expected = fromHeader ?? bodyVersion;
  if (expected === undefined && required) {
    throw new HttpError(
      428,
      'precondition_required',
      'Send the version you are changing: the If-Match header (the ETag of GET /api/drafts/:id) or body.version',
    );
  }
  return expected;
}

export const etag = (version: number) => `"${version}"`;
