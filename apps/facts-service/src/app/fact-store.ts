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

export async function insertFact(db: Pool, fact: NewFact): Promise<Fact> {
  const { rows } = await db.query<FactRow>(
    `INSERT INTO facts (id, draft_id, sentence_id, text, start_offset, end_offset)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${columns}`,
    [newId(), fact.draftId, fact.sentenceId, fact.text, fact.startOffset, fact.endOffset],
  );
  return toFact(rows[0]);
}

export async function findFact(db: Pool, id: string): Promise<Fact | undefined> {
  const { rows } = await db.query<FactRow>(`SELECT ${columns} FROM facts WHERE id = $1`, [id]);
  return rows[0] ? toFact(rows[0]) : undefined;
}

export async function listFacts(
  db: Pool,
  filter: { draftId?: string },
  pagination: Pagination,
): Promise<Page<Fact>> {
  const byDraft = filter.draftId ? { where: 'draft_id = $1', params: [filter.draftId] } : {};
  return listPage(db, { columns, from: 'facts', ...byDraft, orderBy: 'id', toItem: toFact }, pagination);
}

/** Applies the changes; undefined when there is no such fact. */
export async function updateFact(db: Pool, id: string, changes: FactChanges): Promise<Fact | undefined> {
  const { rows } = await db.query<FactRow>(
    `UPDATE facts SET
       sentence_id = CASE WHEN $2 THEN $3 ELSE sentence_id END,
       text = COALESCE($4, text),
       start_offset = COALESCE($5, start_offset),
       end_offset = COALESCE($6, end_offset),
       updated_at = now()
     WHERE id = $1 RETURNING ${columns}`,
    [id, changes.sentenceId !== undefined, changes.sentenceId ?? null, changes.text ?? null, changes.startOffset ?? null, changes.endOffset ?? null],
  );
  return rows[0] ? toFact(rows[0]) : undefined;
}

export async function deleteFact(db: Pool, id: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM facts WHERE id = $1', [id]);
  return (rowCount ?? 0) > 0;
}
