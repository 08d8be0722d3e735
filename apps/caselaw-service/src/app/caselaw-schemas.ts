import { paginationQuery, ulidString } from '@factsway/shared-utils';
import { z } from 'zod';

/** Longest text accepted for detection or a table of authorities (characters); the JSON body limit applies too. */
export const MAX_TEXT_LENGTH = 500_000;

const withoutNul = { message: 'must not contain NUL characters (PostgreSQL text cannot hold them)' };
const hasNoNul = (text: string) => !text.includes('\u0000');
const shortText = (max: number) => z.string().trim().min(1).max(max).refine(hasNoNul, withoutNul);
const year = z.number().int().min(1600).max(2200);

const caseParts = z.strictObject({
  kind: z.literal('case'),
  caseName: shortText(500).optional(),
  volume: z.number().int().min(1).max(9999),
  reporter: shortText(40),
  page: z.number().int().min(1).max(99999).optional(),
  pinCite: shortText(40).optional(),
  court: shortText(100).optional(),
  year: year.optional(),
  parallel: z
    .array(z.strictObject({ volume: z.number().int().min(1).max(9999), reporter: shortText(40), page: z.number().int().min(1).max(99999) }))
    .max(5)
    .optional(),
});

const enactmentParts = z.strictObject({
  kind: z.enum(['statute', 'regulation', 'rule']),
  title: z.number().int().min(1).max(999).optional(),
  code: shortText(100),
  section: shortText(60),
  year: year.optional(),
});

/** The parts of a citation, as `POST /api/citations/detect` returns them. */
export const citationParts = z.discriminatedUnion('kind', [caseParts, enactmentParts]);

export const detectCitationsBody = z.strictObject({
  text: z.string().max(MAX_TEXT_LENGTH).refine(hasNoNul, withoutNul),
  /** When given, the citations replace the draft's stored ones (authorities are created as needed). */
  draftId: ulidString.optional(),
});

export const draftCitationsQuery = paginationQuery.extend({ draftId: ulidString });

export const createAuthorityBody = z
  .strictObject({
    citation: shortText(1_000).optional(),
    parts: citationParts.optional(),
    name: shortText(500).optional(),
  })
  .refine((body) => (body.citation === undefined) !== (body.parts === undefined), {
    message: 'give either citation (text) or parts, not both',
  });

export const updateAuthorityBody = z.strictObject({ name: shortText(500) });

export const listAuthoritiesQuery = paginationQuery.extend({
  kind: z.enum(['case', 'statute', 'regulation', 'rule']).optional(),
  q: z.string().trim().min(1).max(200).refine(hasNoNul, withoutNul).optional(),
});

export const tableOfAuthoritiesBody = z
  .strictObject({ text: z.string().max(MAX_TEXT_LENGTH).refine(hasNoNul, withoutNul).optional(), draftId: ulidString.optional() })
  .refine((body) => (body.text === undefined) !== (body.draftId === undefined), {
    message: 'give either text or draftId, not both',
  });
