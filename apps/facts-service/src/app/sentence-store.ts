import type { Pool, PoolClient } from 'pg';
import { listPage, newId, type Page, type Pagination } from '@factsway/shared-utils';
import type { Sentence } from './sentence-splitter';

export interface StoredSentence extends Sentence {
  id: string;
  draftId: string;
  position: number;
  createdAt: string;
}

interface SentenceRow {
  id: string;
  draft_id: string;
  position: number;
  text: string;
  start_offset: number;
  end_offset: number;
  created_at: Date;
}

const columns = 'id, draft_id, position, text, start_offset, end_offset, created_at';

function toSentence(row: SentenceRow): StoredSentence {
  return {
    id: row.id,
    draftId: row.draft_id,
    position: row.position,
    text: row.text,
    start: row.start_offset,
    end: row.end_offset,
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * A draft's sentences are replaced as a whole (in the caller's transaction): offsets
 * only make sense for one version of the text. Facts that pointed at a replaced
 * sentence keep their own text and offsets; their sentence_id becomes null.
 * Every function takes the caller's tenant and touches that firm's sentences only.
 */
export async function replaceSentences(client: PoolClient, tenant: string, draftId: string, sentences: Sentence[]): Promise<StoredSentence[]> {
  // Two replacements of one draft at once would collide on (draft_id, position): take turns.
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('facts.sentences:' || $1))`, [draftId]);
  await client.query('DELETE FROM sentences WHERE draft_id = $1 AND tenant_id = $2', [draftId, tenant]);
  if (sentences.length === 0) return [];
  const { rows } = await client.query<SentenceRow>(
    `INSERT INTO sentences (id, draft_id, position, text, start_offset, end_offset, tenant_id)
     SELECT id, $1, position, text, start_offset, end_offset, $7
       FROM unnest($2::text[], $3::int[], $4::text[], $5::int[], $6::int[])
         AS s(id, position, text, start_offset, end_offset)
     RETURNING ${columns}`,
    [
      draftId,
      sentences.map(() => newId()),
      sentences.map((_, i) => i),
      sentences.map((s) => s.text),
      sentences.map((s) => s.start),
      sentences.map((s) => s.end),
      tenant,
    ],
  );
  return rows.map(toSentence).sort((a, b) => a.position - b.position);
}

export async function listSentences(
  db: Pool,
  tenant: string,
  draftId: string,
  pagination: Pagination,
): Promise<Page<StoredSentence>> {
  return listPage(
    db,
    { columns, from: 'sentences', where: 'tenant_id = $1 AND draft_id = $2', params: [tenant, draftId], orderBy: 'position', toItem: toSentence },
    pagination,
  );
}

export async function findSentence(db: Pool | PoolClient, tenant: string, id: string): Promise<StoredSentence | undefined> {
  const { rows } = await db.query<SentenceRow>(`SELECT ${columns} FROM sentences WHERE id = $1 AND tenant_id = $2`, [id, tenant]);
  return rows[0] ? toSentence(rows[0]) : undefined;
}
