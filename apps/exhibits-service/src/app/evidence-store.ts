import type { Pool } from 'pg';
import { listPage, newId, withTransaction, type Page, type Pagination } from '@factsway/shared-utils';
import { exhibitLabel, exhibitSequence } from './exhibit-labels';

export interface Evidence {
  id: string;
  label: string;
  description: string;
  factIds: string[];
  createdAt: string;
  updatedAt: string;
}

interface EvidenceRow {
  id: string;
  label: string;
  description: string;
  fact_ids: string[];
  created_at: Date;
  updated_at: Date;
}

const columns = 'id, label, description, fact_ids, created_at, updated_at';
/** Every function takes the caller's tenant and touches that firm's rows only: another firm's evidence is not there. */

/** Labels in exhibit order: "B" before "AA" (shorter first, then alphabetical). */
const labelOrder = 'length(label), label';
const labelOrderDescending = 'length(label) DESC, label DESC';

function toEvidence(row: EvidenceRow): Evidence {
  return {
    id: row.id,
    label: row.label,
    description: row.description,
    factIds: row.fact_ids,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * Gives the new evidence the label after the last one the firm was ever assigned: each firm's
 * exhibits start at A. Deleted evidence keeps its row (deleted_at), so its label is never handed
 * out again and later labels never shift. A firm's creates take turns on an advisory lock of
 * that firm (other firms do not wait); the unique index on (tenant_id, label) is the backstop
 * should anything else ever insert.
 */
export async function insertEvidence(db: Pool, tenant: string, description: string): Promise<Evidence> {
  return withTransaction(db, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('exhibits.evidence.label'), hashtext($1))`, [tenant]);
    const last = await client.query<{ label: string }>(
      `SELECT label FROM evidence WHERE tenant_id = $1 ORDER BY ${labelOrderDescending} LIMIT 1`,
      [tenant],
    );
    const label = exhibitLabel((last.rows[0] ? (exhibitSequence(last.rows[0].label) as number) : 0) + 1);
    const { rows } = await client.query<EvidenceRow>(
      `INSERT INTO evidence (id, label, description, tenant_id) VALUES ($1, $2, $3, $4) RETURNING ${columns}`,
      [newId(), label, description, tenant],
    );
    return toEvidence(rows[0]);
  });
}

export async function findEvidence(db: Pool, tenant: string, id: string): Promise<Evidence | undefined> {
  const { rows } = await db.query<EvidenceRow>(
    `SELECT ${columns} FROM evidence WHERE id = $1 AND tenant_id = $2 AND deleted_at IS NULL`,
    [id, tenant],
  );
  return rows[0] ? toEvidence(rows[0]) : undefined;
}

export async function findEvidenceByLabel(db: Pool, tenant: string, label: string): Promise<Evidence | undefined> {
  const { rows } = await db.query<EvidenceRow>(
    `SELECT ${columns} FROM evidence WHERE label = $1 AND tenant_id = $2 AND deleted_at IS NULL`,
    [label, tenant],
  );
  return rows[0] ? toEvidence(rows[0]) : undefined;
}

export async function listEvidence(
  db: Pool,
  tenant: string,
  filter: { factId?: string },
  pagination: Pagination,
): Promise<Page<Evidence>> {
  const where = `tenant_id = $1 AND deleted_at IS NULL${filter.factId ? ' AND fact_ids @> ARRAY[$2]::text[]' : ''}`;
  const params = filter.factId ? [tenant, filter.factId] : [tenant];
  return listPage(db, { columns, from: 'evidence', where, params, orderBy: labelOrder, toItem: toEvidence }, pagination);
}

export async function updateEvidenceDescription(db: Pool, tenant: string, id: string, description: string): Promise<Evidence | undefined> {
  const { rows } = await db.query<EvidenceRow>(
    `UPDATE evidence SET description = $3, updated_at = now() WHERE id = $1 AND tenant_id = $2 AND deleted_at IS NULL RETURNING ${columns}`,
    [id, tenant, description],
  );
  return rows[0] ? toEvidence(rows[0]) : undefined;
}

/** Soft delete: the row stays so that its label is never reused. */
export async function deleteEvidence(db: Pool, tenant: string, id: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE evidence SET deleted_at = now(), updated_at = now() WHERE id = $1 AND tenant_id = $2 AND deleted_at IS NULL',
    [id, tenant],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * Adds the fact to the evidence once; `added` is false when it was already linked.
 * The condition is in the UPDATE itself, so two concurrent links of one fact add it once
 * (PostgreSQL re-checks the WHERE clause on the row version it waited for).
 */
export async function linkFact(db: Pool, tenant: string, id: string, factId: string): Promise<{ evidence: Evidence; added: boolean } | undefined> {
  const { rows } = await db.query<EvidenceRow>(
    `UPDATE evidence SET fact_ids = array_append(fact_ids, $2), updated_at = now()
     WHERE id = $1 AND tenant_id = $3 AND deleted_at IS NULL AND NOT (fact_ids @> ARRAY[$2]::text[]) RETURNING ${columns}`,
    [id, factId, tenant],
  );
  if (rows[0]) return { evidence: toEvidence(rows[0]), added: true };
  const existing = await findEvidence(db, tenant, id);
  return existing ? { evidence: existing, added: false } : undefined;
}

/** Removes the link; undefined when the evidence does not exist, `removed` false when it was not linked. */
export async function unlinkFact(db: Pool, tenant: string, id: string, factId: string): Promise<{ removed: boolean } | undefined> {
  const { rowCount } = await db.query(
    `UPDATE evidence SET fact_ids = array_remove(fact_ids, $2), updated_at = now()
     WHERE id = $1 AND tenant_id = $3 AND deleted_at IS NULL AND fact_ids @> ARRAY[$2]::text[]`,
    [id, factId, tenant],
  );
  if ((rowCount ?? 0) > 0) return { removed: true };
  return (await findEvidence(db, tenant, id)) ? { removed: false } : undefined;
}
