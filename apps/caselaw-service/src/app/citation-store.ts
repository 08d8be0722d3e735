import type { Pool, PoolClient } from 'pg';
import { listPage, newId, type Page, type Pagination } from '@factsway/shared-utils';

export interface StoredCitation {
  id: string;
  draftId: string;
  authorityId: string;
  /** The authority's normalised citation. */
  authority: string;
  text: string;
  start: number;
  end: number;
  createdAt: string;
}

export interface CitationToStore {
  authorityId: string;
  text: string;
  start: number;
  end: number;
}

interface CitationRow {
  id: string;
  draft_id: string;
  authority_id: string;
  authority: string;
  text: string;
  start_offset: number;
  end_offset: number;
  created_at: Date;
}

function toCitation(row: CitationRow): StoredCitation {
  return {
    id: row.id,
    draftId: row.draft_id,
    authorityId: row.authority_id,
    authority: row.authority,
    text: row.text,
    start: row.start_offset,
    end: row.end_offset,
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * A draft's citations are replaced as a whole (in the caller's transaction): offsets
 * only make sense for one version of the text. Concurrent replacements take turns.
 * `tenant` is the caller's firm; the authorities named are that firm's (`ensureAuthority`).
 */
export async function replaceDraftCitations(client: PoolClient, tenant: string, draftId: string, citations: CitationToStore[]): Promise<StoredCitation[]> {
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('caselaw.citations:' || $1))`, [draftId]);
  await client.query('DELETE FROM citations WHERE draft_id = $1 AND tenant_id = $2', [draftId, tenant]);
  if (citations.length === 0) return [];
  const { rows } = await client.query<CitationRow>(
    `WITH inserted AS (
       INSERT INTO citations (id, draft_id, authority_id, text, start_offset, end_offset, tenant_id)
       SELECT id, $1, authority_id, text, start_offset, end_offset, $7
         FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::int[]) AS c(id, authority_id, text, start_offset, end_offset)
       RETURNING *)
     SELECT i.id, i.draft_id, i.authority_id, a.citation AS authority, i.text, i.start_offset, i.end_offset, i.created_at
       FROM inserted i JOIN authorities a ON a.id = i.authority_id ORDER BY i.start_offset`,
    [
      draftId,
      citations.map(() => newId()),
      citations.map((c) => c.authorityId),
      citations.map((c) => c.text),
      citations.map((c) => c.start),
      citations.map((c) => c.end),
      tenant,
    ],
  );
  return rows.map(toCitation);
}

export async function listDraftCitations(
  db: Pool,
  tenant: string,
  draftId: string,
  pagination: Pagination,
): Promise<Page<StoredCitation>> {
  return listPage(
    db,
    {
      columns: 'c.id, c.draft_id, c.authority_id, a.citation AS authority, c.text, c.start_offset, c.end_offset, c.created_at',
      from: 'citations c JOIN authorities a ON a.id = c.authority_id',
      where: 'c.tenant_id = $1 AND c.draft_id = $2',
      params: [tenant, draftId],
      orderBy: 'c.start_offset, c.id',
      toItem: toCitation,
    },
    pagination,
  );
}
