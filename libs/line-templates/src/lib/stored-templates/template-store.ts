import type { Pool } from 'pg';
import { listPage, newId, type Page, type Pagination } from '@factsway/shared-utils';

/** The columns every stored line-template table has; a table may add its own (`court`, `layout`). */
export interface TemplateRow {
  id: string;
  name: string;
  jurisdiction: string | null;
  /** The template's lines, one per line. */
  template: string;
  created_at: Date;
  updated_at: Date;
}

/**
 * How a service keeps its line templates in a table of its own (`caption_templates`,
 * `signature_templates`). The table has a `tenant_id` column (the firm, ADR 018) and its names
 * are unique per firm (a unique index on `(tenant_id, name)`).
 */
export interface TemplateTable<Input, Template, Row extends TemplateRow = TemplateRow> {
  table: string;
  /** What messages call one: `caption template`. */
  noun: string;
  /** The columns an input writes (besides id and the timestamps), in the order `toColumns` gives their values. */
  columns: readonly string[];
  toColumns(input: Input): unknown[];
  toTemplate(row: Row): Template;
}

/** SQL for one firm's rows of a templates table. `name` is unique per firm (a duplicate raises 23505). */
export interface TemplateStore<Input, Template> {
  readonly noun: string;
  insert(input: Input): Promise<Template>;
  /** By name, then id; only the jurisdiction's when one is given. */
  list(filter: { jurisdiction?: string }, pagination: Pagination): Promise<Page<Template>>;
  find(id: string): Promise<Template | null>;
  /** Replaces every column the input writes; null when there is no such template. */
  replace(id: string, input: Input): Promise<Template | null>;
  delete(id: string): Promise<boolean>;
}

/**
 * The store of `tenant`'s templates in the table (the caller's firm, `tenantOf(req)`): every
 * statement is scoped by `tenant_id`, so another firm's template is not there. Cheap: build one
 * per request.
 */
export function templateStore<Input, Template, Row extends TemplateRow>(
  db: Pool,
  { table, noun, columns, toColumns, toTemplate }: TemplateTable<Input, Template, Row>,
  tenant: string,
): TemplateStore<Input, Template> {
  const returned = ['id', ...columns, 'created_at', 'updated_at'].join(', ');
  return {
    noun,
    async insert(input) {
      const placeholders = ['$1', ...columns.map((_, i) => `$${i + 2}`), `$${columns.length + 2}`].join(', ');
      const { rows } = await db.query<Row>(
        `INSERT INTO ${table} (id, ${columns.join(', ')}, tenant_id) VALUES (${placeholders}) RETURNING ${returned}`,
        [newId(), ...toColumns(input), tenant],
      );
      return toTemplate(rows[0]);
    },
    list({ jurisdiction }, pagination) {
      const filter =
        jurisdiction === undefined
          ? { where: 'tenant_id = $1', params: [tenant] }
          : { where: 'tenant_id = $1 AND jurisdiction = $2', params: [tenant, jurisdiction] };
      return listPage(db, { columns: returned, from: table, ...filter, orderBy: 'name, id', toItem: toTemplate }, pagination);
    },
    async find(id) {
      const { rows } = await db.query<Row>(`SELECT ${returned} FROM ${table} WHERE id = $1 AND tenant_id = $2`, [id, tenant]);
      return rows[0] ? toTemplate(rows[0]) : null;
    },
    async replace(id, input) {
      const assignments = columns.map((column, i) => `${column} = $${i + 2}`).join(', ');
      const { rows } = await db.query<Row>(
        `UPDATE ${table} SET ${assignments}, updated_at = now() WHERE id = $1 AND tenant_id = $${columns.length + 2} RETURNING ${returned}`,
        [id, ...toColumns(input), tenant],
      );
      return rows[0] ? toTemplate(rows[0]) : null;
    },
    async delete(id) {
      const { rowCount } = await db.query(`DELETE FROM ${table} WHERE id = $1 AND tenant_id = $2`, [id, tenant]);
      return rowCount === 1;
    },
  };
}
