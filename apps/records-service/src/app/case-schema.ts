import { ulidString } from '@factsway/shared-utils';
import { z } from 'zod';
import { atLeastOneField, optionalLine, requiredLine } from './text-fields';

export const caseStatuses = ['open', 'closed', 'archived'] as const;

export const partySchema = z.strictObject({
  name: requiredLine(300),
  /** e.g. plaintiff, defendant, petitioner, respondent. */
  role: requiredLine(100),
});

export const createCaseBody = z.strictObject({
  /**
   * A ULID the client chose, so that retrying a create whose outcome is unknown (the database
   * connection dropped during the write) returns the stored case instead of making a second one.
   */
  id: ulidString.optional(),
  title: requiredLine(500),
  caseNumber: optionalLine(100),
  court: optionalLine(300),
  jurisdiction: optionalLine(200),
  parties: z.array(partySchema).max(200).optional(),
  status: z.enum(caseStatuses).optional(),
});

export const updateCaseBody = z
  .strictObject({
    title: requiredLine(500).optional(),
    caseNumber: optionalLine(100),
    court: optionalLine(300),
    jurisdiction: optionalLine(200),
    parties: z.array(partySchema).max(200).optional(),
    status: z.enum(caseStatuses).optional(),
  })
  .refine(atLeastOneField, 'must change at least one field');

export type CreateCase = z.output<typeof createCaseBody>;
export type UpdateCase = z.output<typeof updateCaseBody>;

export interface Case {
  id: string;
  title: string;
  caseNumber: string | null;
  court: string | null;
  jurisdiction: string | null;
  parties: z.output<typeof partySchema>[];
  status: (typeof caseStatuses)[number];
  createdAt: string;
  updatedAt: string;
}
