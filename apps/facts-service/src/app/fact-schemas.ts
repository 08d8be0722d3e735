import { paginationQuery, ulidString } from '@factsway/shared-utils';
import { z } from 'zod';

/** Longest text accepted for sentence detection (characters); the JSON body limit applies too. */
export const MAX_DETECT_TEXT_LENGTH = 500_000;
/** Longest fact text. */
export const MAX_FACT_TEXT_LENGTH = 10_000;

const withoutNul = { message: 'must not contain NUL characters (PostgreSQL text cannot hold them)' };
const hasNoNul = (text: string) => !text.includes('\u0000');

const offset = z.number().int().min(0).max(2_147_483_647);

export const detectSentencesBody = z.strictObject({
  text: z.string().max(MAX_DETECT_TEXT_LENGTH).refine(hasNoNul, withoutNul),
  /** When given, the sentences replace the draft's stored ones. */
  draftId: ulidString.optional(),
});

export const draftSentencesQuery = paginationQuery.extend({ draftId: ulidString });

export const createFactBody = z
  .strictObject({
    draftId: ulidString,
    sentenceId: ulidString.optional(),
    text: z.string().trim().min(1).max(MAX_FACT_TEXT_LENGTH).refine(hasNoNul, withoutNul),
    startOffset: offset,
    endOffset: offset,
  })
  .refine((f) => f.endOffset >= f.startOffset, { message: 'must not be before startOffset', path: ['endOffset'] });

export const updateFactBody = z
  .strictObject({
    sentenceId: ulidString.nullable().optional(),
    text: z.string().trim().min(1).max(MAX_FACT_TEXT_LENGTH).refine(hasNoNul, withoutNul).optional(),
    startOffset: offset.optional(),
    endOffset: offset.optional(),
  })
  .refine((changes) => Object.keys(changes).length > 0, { message: 'name at least one field to change' });

export const listFactsQuery = paginationQuery.extend({ draftId: ulidString.optional() });
