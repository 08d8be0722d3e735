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

/** How a service keeps its line templates in a table of its own (`caption_templates`, `signature_templates`). */
export interface TemplateTable<Input, Template, Row extends TemplateRow = TemplateRow> {
  table: string;
  /** What messages call one: `caption template`. */
  noun: string;
  /** The columns an input writes (besides id and the timestamps), in the order `toColumns` gives their values. */
  columns: readonly string[];
  toColumns(input: Input): unknown[];
  toTemplate(row: Row): Template;
}

/** SQL for one templates table. `name` is unique in it (a duplicate raises 23505). */
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

export function templateStore<Input, Template, Row extends TemplateRow>(
  db: Pool,
  { table, noun, columns, toColumns, toTemplate }: TemplateTable<Input, Template, Row>,
): TemplateStore<Input, Template> {
  const returned = ['id', ...columns, 'created_at', 'updated_at'].join(', ');
  return {
    noun,
    async insert(input) {
      const placeholders = ['$1', ...columns.map((_, i) => `$${i + 2}`)].join(', ');
      const { rows } = await db.query<Row>(
        `INSERT INTO ${table} (id, ${columns.join(', ')}) VALUES (${placeholders}) RETURNING ${returned}`,
        [newId(), ...toColumns(input)],
      );
      return toTemplate(rows[0]);
    },
    list({ jurisdiction }, pagination) {
      const filter = jurisdiction === undefined ? {} : { where: 'jurisdiction = $1', params: [jurisdiction] };
      return listPage(db, { columns: returned, from: table, ...filter, orderBy: 'name, id', toItem: toTemplate }, pagination);
    },
    async find(id) {
      const { rows } = await db.query<Row>(`SELECT ${returned} FROM ${table} WHERE id = $1`, [id]);
      return rows[0] ? toTemplate(rows[0]) : null;
    },
    async replace(id, input) {
      const assignments = columns.map((column, i) => `${column} = $${i + 2}`).join(', ');
      const { rows } = await db.query<Row>(
        `UPDATE ${table} SET ${assignments}, updated_at = now() WHERE id = $1 RETURNING ${returned}`,
        [id, ...toColumns(input)],
      );
      return rows[0] ? toTemplate(rows[0]) : null;
    },
    async delete(id) {
      const { rowCount } = await db.query(`DELETE FROM ${table} WHERE id = $1`, [id]);
      return rowCount === 1;
    },
  };
}
