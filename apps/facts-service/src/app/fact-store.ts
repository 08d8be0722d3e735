import type { Pool } from 'pg';
import { listPage, newId, type Page, type Pagination } from '@factsway/shared-utils';

export interface Fact {
  id: string;
  draftId: string;
  sentenceId: string | null;
  text: string;
  startOffset: number;
  endOffset: number;
  createdAt: string;
  updatedAt: string;
}

export type NewFact = Pick<Fact, 'draftId' | 'sentenceId' | 'text' | 'startOffset' | 'endOffset'>;
export type FactChanges = Partial<Pick<Fact, 'sentenceId' | 'text' | 'startOffset' | 'endOffset'>>;

interface FactRow {
  id: string;
  draft_id: string;
  sentence_id: string | null;
  text: string;
  start_offset: number;
  end_offset: number;
  created_at: Date;
  updated_at: Date;
}

const columns = 'id, draft_id, sentence_id, text, start_offset, end_offset, created_at, updated_at';

function toFact(row: FactRow): Fact {
  return {
    id: row.id,
    draftId: row.draft_id,
    sentenceId: row.sentence_id,
    text: row.text,
    startOffset: row.start_offset,
    endOffset: row.end_offset,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

// Every function takes the caller's tenant and touches that firm's facts only: another firm's are not there.

export async function insertFact(db: Pool, tenant: string, fact: NewFact): Promise<Fact> {
  const { rows } = await db.query<FactRow>(
    `INSERT INTO facts (id, draft_id, sentence_id, text, start_offset, end_offset, tenant_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${columns}`,
    [newId(), fact.draftId, fact.sentenceId, fact.text, fact.startOffset, fact.endOffset, tenant],
  );
  return toFact(rows[0]);
}

export async function findFact(db: Pool, tenant: string, id: string): Promise<Fact | undefined> {
  const { rows } = await db.query<FactRow>(`SELECT ${columns} FROM facts WHERE id = $1 AND tenant_id = $2`, [id, tenant]);
  return rows[0] ? toFact(rows[0]) : undefined;
}

export async function listFacts(
  db: Pool,
  tenant: string,
  filter: { draftId?: string },
  pagination: Pagination,
): Promise<Page<Fact>> {
  const where = filter.draftId ? { where: 'tenant_id = $1 AND draft_id = $2', params: [tenant, filter.draftId] } : { where: 'tenant_id = $1', params: [tenant] };
  return listPage(db, { columns, from: 'facts', ...where, orderBy: 'id', toItem: toFact }, pagination);
}

/** Applies the changes; undefined when there is no such fact. */
export async function updateFact(db: Pool, tenant: string, id: string, changes: FactChanges): Promise<Fact | undefined> {
  const { rows } = await db.query<FactRow>(
    `UPDATE facts SET
       sentence_id = CASE WHEN $2 THEN $3 ELSE sentence_id END,
       text = COALESCE($4, text),
       start_offset = COALESCE($5, start_offset),
       end_offset = COALESCE($6, end_offset),
       updated_at = now()
     WHERE id = $1 AND tenant_id = $7 RETURNING ${columns}`,
    [id, changes.sentenceId !== undefined, changes.sentenceId ?? null, changes.text ?? null, changes.startOffset ?? null, changes.endOffset ?? null, tenant],
  );
  return rows[0] ? toFact(rows[0]) : undefined;
}

export async function deleteFact(db: Pool, tenant: string, id: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM facts WHERE id = $1 AND tenant_id = $2', [id, tenant]);
  return (rowCount ?? 0) > 0;
}
