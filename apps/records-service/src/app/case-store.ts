import { conflict, listPage, newId, type Page, type Pagination } from '@factsway/shared-utils';
import { isDeepStrictEqual } from 'node:util';
import type { Pool } from 'pg';
import type { Case, CreateCase, UpdateCase } from './case-schema';

interface CaseRow {
  id: string;
  title: string;
  case_number: string | null;
  court: string | null;
  jurisdiction: string | null;
  parties: Case['parties'];
  status: Case['status'];
  created_at: Date;
  updated_at: Date;
}

const toCase = (row: CaseRow): Case => ({
  id: row.id,
  title: row.title,
  caseNumber: row.case_number,
  court: row.court,
  jurisdiction: row.jurisdiction,
  parties: row.parties,
  status: row.status,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** The fields a create sets, to tell a retried create from a different case with the same id. */
const storedValues = (stored: Case) => ({
  title: stored.title,
  caseNumber: stored.caseNumber,
  court: stored.court,
  jurisdiction: stored.jurisdiction,
  parties: stored.parties,
  status: stored.status,
});

/** Columns a PATCH may set, API field -> column. */
const updatableColumns: Record<keyof UpdateCase, string> = {
  title: 'title',
  caseNumber: 'case_number',
  court: 'court',
  jurisdiction: 'jurisdiction',
  parties: 'parties',
  status: 'status',
};

/** SQL for the `cases` table, one tenant's rows only: another firm's case is not there. */
export class CaseStore {
  constructor(
    private readonly db: Pool,
    private readonly tenant: string,
  ) {}

  list(pagination: Pagination): Promise<Page<Case>> {
    return listPage(this.db, { columns: '*', from: 'cases', where: 'tenant_id = $1', params: [this.tenant], orderBy: 'id', toItem: toCase }, pagination);
  }

  async get(id: string): Promise<Case | undefined> {
    const { rows } = await this.db.query<CaseRow>('SELECT * FROM cases WHERE id = $1 AND tenant_id = $2', [id, this.tenant]);
    return rows[0] && toCase(rows[0]);
  }

  async exists(id: string): Promise<boolean> {
    const { rowCount } = await this.db.query('SELECT 1 FROM cases WHERE id = $1 AND tenant_id = $2', [id, this.tenant]);
    return rowCount === 1;
  }

  /**
   * Inserts the case; with a client-chosen `id` that is already stored, returns the stored case
   * (`created: false`) when it is the same case of this firm, so a retried create is safe, and
   * throws a 409 when the id belongs to a different one. Ids are unique across firms (primary
   * key): an id held by another firm answers the very same 409 as a different case of this firm,
   * never that firm's case, whatever the fields.
   */
  async create(input: CreateCase): Promise<{ case: Case; created: boolean }> {
    const values = {
      title: input.title,
      caseNumber: input.caseNumber ?? null,
      court: input.court ?? null,
      jurisdiction: input.jurisdiction ?? null,
      parties: input.parties ?? [],
      status: input.status ?? 'open',
    };
    const id = input.id ?? newId();
    const { rows } = await this.db.query<CaseRow>(
      `INSERT INTO cases (id, title, case_number, court, jurisdiction, parties, status, tenant_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING RETURNING *`,
      [id, values.title, values.caseNumber, values.court, values.jurisdiction, JSON.stringify(values.parties), values.status, this.tenant],
    );
    if (rows[0]) return { case: toCase(rows[0]), created: true };
    const stored = await this.get(id);
    if (stored && isDeepStrictEqual(storedValues(stored), values)) return { case: stored, created: false };
    throw conflict(`Case id ${id} is already taken by a different case`);
  }

  /** Sets exactly the fields present in `changes` (`null` clears an optional one). */
  async update(id: string, changes: UpdateCase): Promise<Case | undefined> {
    const fields = (Object.keys(updatableColumns) as (keyof UpdateCase)[]).filter((f) => changes[f] !== undefined);
    const values = fields.map((f) => (f === 'parties' ? JSON.stringify(changes[f]) : changes[f]));
    const assignments = fields.map((f, i) => `${updatableColumns[f]} = $${i + 2}`);
    const { rows } = await this.db.query<CaseRow>(
      `UPDATE cases SET ${[...assignments, 'updated_at = now()'].join(', ')} WHERE id = $1 AND tenant_id = $${fields.length + 2} RETURNING *`,
      [id, ...values, this.tenant],
    );
    return rows[0] && toCase(rows[0]);
  }

  /** false when there is no such case; a case that still has drafts raises 23503 (see routes). */
  async delete(id: string): Promise<boolean> {
    const { rowCount } = await this.db.query('DELETE FROM cases WHERE id = $1 AND tenant_id = $2', [id, this.tenant]);
    return rowCount === 1;
  }
}
