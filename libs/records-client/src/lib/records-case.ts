import { z } from 'zod';

/** The part of records-service's case (`GET /api/cases/:id`) its callers use. Extra fields are ignored. */
export const recordsCaseSchema = z.object({
  id: z.string(),
  title: z.string(),
  caseNumber: z.string().nullish(),
  court: z.string().nullish(),
  jurisdiction: z.string().nullish(),
  parties: z.array(z.object({ name: z.string(), role: z.string() })).default([]),
});

export type RecordsCase = z.infer<typeof recordsCaseSchema>;

export type Side = 'plaintiff' | 'defendant';

const SIDE_ROLES: Record<Side, RegExp> = {
  plaintiff: /^(?:plaintiff|petitioner|appellant|claimant|movant)s?$/i,
  defendant: /^(?:defendant|respondent|appellee)s?$/i,
};

/** Names of the case's parties on one side, in the order the case lists them. */
export function partiesOnSide(recordsCase: RecordsCase, side: Side): string[] {
  return recordsCase.parties.filter((party) => SIDE_ROLES[side].test(party.role.trim())).map((party) => party.name);
}
