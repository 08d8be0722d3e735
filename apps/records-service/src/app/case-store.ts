import { listPage, newId, type Page, type Pagination } from '@factsway/shared-utils';
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

  async create(input: CreateCase): Promise<Case> {
    const { rows } = await this.db.query<CaseRow>(
      `INSERT INTO cases (id, title, case_number, court, jurisdiction, parties, status, tenant_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [
        newId(),
        input.title,
        input.caseNumber ?? null,
        input.court ?? null,
        input.jurisdiction ?? null,
        JSON.stringify(input.parties ?? []),
        input.status ?? 'open',
        this.tenant,
      ],
    );
    return toCase(rows[0]);
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
