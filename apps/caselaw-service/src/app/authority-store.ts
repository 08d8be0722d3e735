import type { Pool, PoolClient } from 'pg';
import { listPage, newId, type Page, type Pagination } from '@factsway/shared-utils';
import type { AuthorityListing } from './authority-listing';

export interface Authority {
  id: string;
  kind: AuthorityListing['kind'];
  citation: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

interface AuthorityRow {
  id: string;
  kind: AuthorityListing['kind'];
  citation: string;
  name: string;
  created_at: Date;
  updated_at: Date;
}

const columns = 'id, kind, citation, name, created_at, updated_at';

function toAuthority(row: AuthorityRow): Authority {
  return {
    id: row.id,
    kind: row.kind,
    citation: row.citation,
    name: row.name,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

// Every function takes the caller's tenant: each firm has its own authorities (one per normalised
// citation), and another firm's are not there.

/** Inserts the authority; `existing` instead when the firm already has one with the same normalised citation. */
export async function insertAuthority(
  db: Pool,
  tenant: string,
  listing: Pick<AuthorityListing, 'kind' | 'citation' | 'name'>,
): Promise<{ created: Authority } | { existing: Authority }> {
  const { rows } = await db.query<AuthorityRow>(
    `INSERT INTO authorities (id, kind, citation, name, tenant_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, citation) DO NOTHING RETURNING ${columns}`,
    [newId(), listing.kind, listing.citation, listing.name, tenant],
  );
  if (rows[0]) return { created: toAuthority(rows[0]) };
  const existing = await db.query<AuthorityRow>(`SELECT ${columns} FROM authorities WHERE citation = $1 AND tenant_id = $2`, [listing.citation, tenant]);
  return { existing: toAuthority(existing.rows[0]) };
}

/** The id of the firm's authority with this citation, created if needed (inside the caller's transaction). */
export async function ensureAuthority(client: PoolClient, tenant: string, listing: AuthorityListing): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO authorities (id, kind, citation, name, tenant_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, citation) DO UPDATE SET citation = EXCLUDED.citation RETURNING id`,
    [newId(), listing.kind, listing.citation, listing.name, tenant],
  );
  return rows[0].id;
}

export async function findAuthority(db: Pool, tenant: string, id: string): Promise<Authority | undefined> {
  const { rows } = await db.query<AuthorityRow>(`SELECT ${columns} FROM authorities WHERE id = $1 AND tenant_id = $2`, [id, tenant]);
  return rows[0] ? toAuthority(rows[0]) : undefined;
}

export async function listAuthorities(
  db: Pool,
  tenant: string,
  filter: { kind?: string; search?: string },
  pagination: Pagination,
): Promise<Page<Authority>> {
  const conditions: string[] = ['tenant_id = $1'];
  const params: unknown[] = [tenant];
  if (filter.kind) {
    params.push(filter.kind);
    conditions.push(`kind = $${params.length}`);
  }
  if (filter.search) {
    params.push(`%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    conditions.push(`(name ILIKE $${params.length} OR citation ILIKE $${params.length})`);
  }
  const where = conditions.join(' AND ');
  return listPage(db, { columns, from: 'authorities', where, params, orderBy: 'lower(name), citation', toItem: toAuthority }, pagination);
}

export async function renameAuthority(db: Pool, tenant: string, id: string, name: string): Promise<Authority | undefined> {
  const { rows } = await db.query<AuthorityRow>(
    `UPDATE authorities SET name = $2, updated_at = now() WHERE id = $1 AND tenant_id = $3 RETURNING ${columns}`,
    [id, name, tenant],
  );
  return rows[0] ? toAuthority(rows[0]) : undefined;
}

/**
 * Deletes the firm's authority and (by the foreign key's cascade) the draft citations that named
 * it, which are the firm's own: citations only ever name an authority of their firm.
 */
export async function deleteAuthority(db: Pool, tenant: string, id: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM authorities WHERE id = $1 AND tenant_id = $2', [id, tenant]);
  return (rowCount ?? 0) > 0;
}
