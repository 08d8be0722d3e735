import type { Pool } from 'pg';
import { newId, type Pagination } from '@factsway/shared-utils';

export interface SignatureTemplateInput {
  name: string;
  jurisdiction?: string | null;
  lines: string[];
}

export interface SignatureTemplate {
  id: string;
  name: string;
  jurisdiction: string | null;
  lines: string[];
  createdAt: string;
  updatedAt: string;
}

interface SignatureTemplateRow {
  id: string;
  name: string;
  jurisdiction: string | null;
  template: string;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, name, jurisdiction, template, created_at, updated_at';

/** `signature_templates.template` holds the template lines, one per line. */
function toTemplate(row: SignatureTemplateRow): SignatureTemplate {
  return {
    id: row.id,
    name: row.name,
    jurisdiction: row.jurisdiction,
    lines: row.template.split('\n'),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function insertSignatureTemplate(db: Pool, input: SignatureTemplateInput): Promise<SignatureTemplate> {
  const { rows } = await db.query<SignatureTemplateRow>(
    `INSERT INTO signature_templates (id, name, jurisdiction, template) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
    [newId(), input.name, input.jurisdiction ?? null, input.lines.join('\n')],
  );
  return toTemplate(rows[0]);
}

export async function listSignatureTemplates(
  db: Pool,
  { limit, offset, jurisdiction }: Pagination & { jurisdiction?: string },
): Promise<{ items: SignatureTemplate[]; total: number }> {
  const where = jurisdiction === undefined ? '' : 'WHERE jurisdiction = $1';
  const filterValues = jurisdiction === undefined ? [] : [jurisdiction];
  const next = filterValues.length + 1;
  const [page, count] = await Promise.all([
    db.query<SignatureTemplateRow>(
      `SELECT ${COLUMNS} FROM signature_templates ${where} ORDER BY name, id LIMIT $${next} OFFSET $${next + 1}`,
      [...filterValues, limit, offset],
    ),
    db.query<{ count: string }>(`SELECT count(*) FROM signature_templates ${where}`, filterValues),
  ]);
  return { items: page.rows.map(toTemplate), total: Number(count.rows[0].count) };
}

export async function findSignatureTemplate(db: Pool, id: string): Promise<SignatureTemplate | null> {
  const { rows } = await db.query<SignatureTemplateRow>(`SELECT ${COLUMNS} FROM signature_templates WHERE id = $1`, [id]);
  return rows[0] ? toTemplate(rows[0]) : null;
}

export async function replaceSignatureTemplate(db: Pool, id: string, input: SignatureTemplateInput): Promise<SignatureTemplate | null> {
  const { rows } = await db.query<SignatureTemplateRow>(
    `UPDATE signature_templates SET name = $2, jurisdiction = $3, template = $4, updated_at = now()
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, input.name, input.jurisdiction ?? null, input.lines.join('\n')],
  );
  return rows[0] ? toTemplate(rows[0]) : null;
}

export async function deleteSignatureTemplate(db: Pool, id: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM signature_templates WHERE id = $1', [id]);
  return rowCount === 1;
}
