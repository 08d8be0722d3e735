import { paginationQuery, ulidString } from '@factsway/shared-utils';
import { z } from 'zod';

export const MAX_DESCRIPTION_LENGTH = 10_000;

const withoutNul = { message: 'must not contain NUL characters (PostgreSQL text cannot hold them)' };
const hasNoNul = (text: string) => !text.includes('\u0000');
const description = z.string().trim().min(1).max(MAX_DESCRIPTION_LENGTH).refine(hasNoNul, withoutNul);

export const createEvidenceBody = z.strictObject({ description });
export const updateEvidenceBody = z.strictObject({ description });
export const listEvidenceQuery = paginationQuery.extend({ factId: ulidString.optional() });
export const linkFactBody = z.strictObject({ factId: ulidString });
export const factLinkParams = z.object({ id: ulidString, factId: ulidString });
export const labelParam = z.object({
  label: z.string().regex(/^[A-Z]{1,10}$/, { message: 'must be an exhibit label: upper-case letters, e.g. A, AB' }),
});
