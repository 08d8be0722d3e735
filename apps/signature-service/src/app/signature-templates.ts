import { z } from 'zod';
import { templateBodyFields, templateLinesSchema, type TemplateRow, type TemplateTable } from '@factsway/line-templates';
import { SIGNATURE_PLACEHOLDERS } from './signature-data';

/** A signature template: a name, an optional jurisdiction to find it by, and its lines with placeholders. */
export const signatureTemplateBody = z.strictObject({
  ...templateBodyFields,
  lines: templateLinesSchema(SIGNATURE_PLACEHOLDERS),
});

export type SignatureTemplateInput = z.output<typeof signatureTemplateBody>;

export interface SignatureTemplate {
  id: string;
  name: string;
  jurisdiction: string | null;
  lines: string[];
  createdAt: string;
  updatedAt: string;
}

/** `signature_templates.template` holds the template lines, one per line. */
export const signatureTemplates: TemplateTable<SignatureTemplateInput, SignatureTemplate> = {
  table: 'signature_templates',
  noun: 'signature template',
  columns: ['name', 'jurisdiction', 'template'],
  toColumns: (input) => [input.name, input.jurisdiction ?? null, input.lines.join('\n')],
  toTemplate: (row: TemplateRow) => ({
    id: row.id,
    name: row.name,
    jurisdiction: row.jurisdiction,
    lines: row.template.split('\n'),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }),
};
