import { z } from 'zod';
import { ULID_PATTERN } from '../ids/new-id';

/** A ULID in any case, normalised to upper case (how `newId()` writes them). */
export const ulidString = z
  .string()
  .regex(ULID_PATTERN, { message: 'must be a ULID (26 characters, Crockford base32)' })
  .transform((id) => id.toUpperCase());

/** `:id` route parameter. Extend for other ids: `z.object({ caseId: ulidString })`. */
export const idParam = z.object({ id: ulidString });

export const PAGINATION_DEFAULT_LIMIT = 20;
export const PAGINATION_MAX_LIMIT = 100;

function integerFromQuery(min: number, max: number, fallback: number) {
  return z
    .string()
    .regex(/^\d+$/, { message: `must be a whole number from ${min} to ${max}` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { message: `must be a whole number from ${min} to ${max}` })
    .optional()
    .transform((n) => n ?? fallback);
}

/** `?limit&offset`: limit 1..100 (default 20), offset >= 0 (default 0). */
export const paginationQuery = z.object({
  limit: integerFromQuery(1, PAGINATION_MAX_LIMIT, PAGINATION_DEFAULT_LIMIT),
  offset: integerFromQuery(0, Number.MAX_SAFE_INTEGER, 0),
});

export type Pagination = z.output<typeof paginationQuery>;
