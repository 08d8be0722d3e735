import { z } from 'zod';

/** Crockford base-32 ULID, as produced by the `ulid` package (upper case, 26 characters). */
export const ulidSchema = z
  .string()
  .regex(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/, 'must be a ULID (26 characters, Crockford base 32, upper case)');

// XML 1.0 (and so .docx) cannot hold C0 control characters other than tab and line feed.
const XML_UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const LINE_BREAK = /[\r\n]/;

const singleLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max)
    .refine((text) => !XML_UNSAFE.test(text) && !LINE_BREAK.test(text), 'must be one line without control characters');

/** Paragraph text: tabs and line breaks (`\n`) are kept; `\r\n` is read as `\n`. */
const paragraphText = z
  .string()
  .transform((text) => text.replace(/\r\n?/g, '\n'))
  .pipe(
    z
      .string()
      .max(100_000)
      .refine((text) => text.trim().length > 0, 'must contain visible text')
      .refine((text) => !XML_UNSAFE.test(text), 'must not contain control characters other than tab and line feed'),
  );

export const paragraphSchema = z.strictObject({
  id: ulidSchema,
  text: paragraphText,
});

export const headingSchema = z.strictObject({
  text: singleLine(1_000),
  level: z.int().min(1).max(6),
});

export const sectionSchema = z.strictObject({
  id: ulidSchema,
  /** `null` only for the body text that comes before the first heading. */
  heading: headingSchema.nullable(),
  paragraphs: z.array(paragraphSchema).max(20_000),
});

export const documentSchema = z
  .strictObject({
    title: singleLine(1_000),
    sections: z.array(sectionSchema).max(5_000),
  })
  .superRefine((document, ctx) => {
    const seen = new Set<string>();
    document.sections.forEach((section, sectionIndex) => {
      if (section.heading === null && sectionIndex > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['sections', sectionIndex, 'heading'],
          message: 'only the first section may have no heading (text before the first heading)',
        });
      }
      if (section.heading === null && section.paragraphs.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['sections', sectionIndex, 'paragraphs'],
          message: 'a section without a heading must have at least one paragraph',
        });
      }
      const ids = [section.id, ...section.paragraphs.map((paragraph) => paragraph.id)];
      ids.forEach((id, idIndex) => {
        if (seen.has(id)) {
          ctx.addIssue({
            code: 'custom',
            path: idIndex === 0 ? ['sections', sectionIndex, 'id'] : ['sections', sectionIndex, 'paragraphs', idIndex - 1, 'id'],
            message: `duplicate id ${id}`,
          });
        }
        seen.add(id);
      });
    });
  });

export type Paragraph = z.infer<typeof paragraphSchema>;
export type Heading = z.infer<typeof headingSchema>;
export type Section = z.infer<typeof sectionSchema>;
export type DocumentModel = z.infer<typeof documentSchema>;
