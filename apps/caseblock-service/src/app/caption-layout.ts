import { z } from 'zod';
import { templateLinesSchema } from '@factsway/line-templates';

/** Placeholders a caption template's court lines may use. */
export const COURT_PLACEHOLDERS = ['court', 'district', 'county'] as const;

/**
 * How a caption is laid out: the court heading lines (with placeholders), the
 * character between the party column and the case-number column (`§` in Texas,
 * `)` in California, `:` in New York, `` for none), labels, and the line width.
 * A caption template is a named layout stored in `caption_templates`.
 */
export const captionLayoutSchema = z.strictObject({
  courtLines: templateLinesSchema(COURT_PLACEHOLDERS, { maxLines: 6, maxLineLength: 120 }),
  separator: z.enum(['§', ')', ':', '|', '']).default(')'),
  caseNumberLabel: z.string().trim().min(1).max(40).default('Case No.'),
  judgeLabel: z.string().trim().min(1).max(40).default('Judge:'),
  plaintiffLabel: z.string().trim().min(1).max(40).default('Plaintiff'),
  defendantLabel: z.string().trim().min(1).max(40).default('Defendant'),
  versus: z.string().trim().min(1).max(20).default('v.'),
  width: z.int().min(60).max(120).default(72),
});

export type CaptionLayout = z.infer<typeof captionLayoutSchema>;

/** The layout used when a request names no template. */
export const DEFAULT_CAPTION_LAYOUT: CaptionLayout = captionLayoutSchema.parse({
  courtLines: ['IN THE {court}', '{district}', '{county}'],
});
