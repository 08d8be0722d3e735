import { z } from 'zod';
import { templateBodyFields, type TemplateRow, type TemplateTable } from '@factsway/line-templates';
import { captionLayoutSchema, type CaptionLayout } from './caption-layout';

/** A caption template: a name, optional court/jurisdiction to find it by, and its layout. */
export const captionTemplateBody = captionLayoutSchema.extend({
  ...templateBodyFields,
  court: z.string().trim().min(1).max(200).nullish(),
});

export type CaptionTemplateInput = z.output<typeof captionTemplateBody>;

export interface CaptionTemplate extends CaptionLayout {
  id: string;
  name: string;
  court: string | null;
  jurisdiction: string | null;
  createdAt: string;
  updatedAt: string;
}

interface CaptionTemplateRow extends TemplateRow {
  court: string | null;
  layout: Partial<CaptionLayout>;
}

/** `caption_templates.template` holds the court lines, one per line; `layout` the rest. */
export const captionTemplates: TemplateTable<CaptionTemplateInput, CaptionTemplate, CaptionTemplateRow> = {
  table: 'caption_templates',
  noun: 'caption template',
  columns: ['name', 'court', 'jurisdiction', 'template', 'layout'],
  toColumns({ name, court, jurisdiction, courtLines, ...layout }) {
    return [name, court ?? null, jurisdiction ?? null, courtLines.join('\n'), JSON.stringify(layout)];
  },
  toTemplate(row) {
    // Missing layout keys (rows from before the layout column) take the defaults.
    const layout = captionLayoutSchema.parse({ ...row.layout, courtLines: row.template.split('\n') });
    return {
      id: row.id,
      name: row.name,
      court: row.court,
      jurisdiction: row.jurisdiction,
      ...layout,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  },
};
