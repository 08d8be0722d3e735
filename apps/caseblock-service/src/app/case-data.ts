import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const partyList = z.array(text(200).refine((name) => !/[\r\n]/.test(name), 'must be one line')).min(1).max(50);

/** What a caption is made from. `district` and `county` are optional court details. */
export const caseDataSchema = z.strictObject({
  court: text(200),
  district: text(200).optional(),
  county: text(200).optional(),
  plaintiffs: partyList,
  defendants: partyList,
  caseNumber: text(100),
  judge: text(200).optional(),
  documentTitle: text(300),
});

export type CaseData = z.infer<typeof caseDataSchema>;
