import type { Pool } from 'pg';
import { newId, type Pagination } from '@factsway/shared-utils';
import { captionLayoutSchema, type CaptionLayout } from './caption-layout';

export interface CaptionTemplateInput extends CaptionLayout {
  name: string;
  court?: string | null;
  jurisdiction?: string | null;
}

export interface CaptionTemplate extends CaptionLayout {
  id: string;
  name: string;
  court: string | null;
  jurisdiction: string | null;
  createdAt: string;
  updatedAt: string;
}

interface CaptionTemplateRow {
  id: string;
  name: string;
  court: string | null;
  jurisdiction: string | null;
  template: string;
  layout: Partial<CaptionLayout>;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, name, court, jurisdiction, template, layout, created_at, updated_at';

/** `caption_templates.template` holds the court lines, one per line; `layout` the rest. */
function toColumns(input: CaptionTemplateInput): unknown[] {
  const { name, court, jurisdiction, courtLines, ...layout } = input;
  return [name, court ?? null, jurisdiction ?? null, courtLines.join('\n'), JSON.stringify(layout)];
}

function toTemplate(row: CaptionTemplateRow): CaptionTemplate {
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
}

export async function insertCaptionTemplate(db: Pool, input: CaptionTemplateInput): Promise<CaptionTemplate> {
  const { rows } = await db.query<CaptionTemplateRow>(
    `INSERT INTO caption_templates (id, name, court, jurisdiction, template, layout)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
    [newId(), ...toColumns(input)],
  );
  return toTemplate(rows[0]);
}

export async function listCaptionTemplates(
  db: Pool,
  { limit, offset, jurisdiction }: Pagination & { jurisdiction?: string },
): Promise<{ items: CaptionTemplate[]; total: number }> {
  const where = jurisdiction === undefined ? '' : 'WHERE jurisdiction = $1';
  const filterValues = jurisdiction === undefined ? [] : [jurisdiction];
  const next = filterValues.length + 1;
  const [page, count] = await Promise.all([
    db.query<CaptionTemplateRow>(
      `SELECT ${COLUMNS} FROM caption_templates ${where} ORDER BY name, id LIMIT $${next} OFFSET $${next + 1}`,
      [...filterValues, limit, offset],
    ),
    db.query<{ count: string }>(`SELECT count(*) FROM caption_templates ${where}`, filterValues),
  ]);
  return { items: page.rows.map(toTemplate), total: Number(count.rows[0].count) };
}

export async function findCaptionTemplate(db: Pool, id: string): Promise<CaptionTemplate | null> {
  const { rows } = await db.query<CaptionTemplateRow>(`SELECT ${COLUMNS} FROM caption_templates WHERE id = $1`, [id]);
  return rows[0] ? toTemplate(rows[0]) : null;
}

export async function replaceCaptionTemplate(db: Pool, id: string, input: CaptionTemplateInput): Promise<CaptionTemplate | null> {
  const { rows } = await db.query<CaptionTemplateRow>(
    `UPDATE caption_templates
     SET name = $2, court = $3, jurisdiction = $4, template = $5, layout = $6, updated_at = now()
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, ...toColumns(input)],
  );
  return rows[0] ? toTemplate(rows[0]) : null;
}

export async function deleteCaptionTemplate(db: Pool, id: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM caption_templates WHERE id = $1', [id]);
  return rowCount === 1;
}
