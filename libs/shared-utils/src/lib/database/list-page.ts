import type { Pool, PoolClient, QueryResultRow } from 'pg';
import type { Pagination } from '../validation/common-schemas';

/** One page of a list, as every `GET /api/<things>?limit&offset` answers. */
export interface Page<T> {
  items: T[];
  /** How many match in all (for the client's pager). */
  total: number;
  limit: number;
  offset: number;
}

/** What to list: `SELECT <columns> FROM <from> [WHERE <where>] ORDER BY <orderBy>`, one page of it. */
export interface ListQuery<Row extends QueryResultRow, Item> {
  /** The select list, e.g. `id, name, created_at`. */
  columns: string;
  /** A table, or tables joined (the count reads the same FROM and WHERE). */
  from: string;
  /** Conditions without the WHERE keyword, with `$1`.. for `params`; omitted: every row. */
  where?: string;
  params?: readonly unknown[];
  /** Make it a total order (end with a unique column) so that pages neither repeat nor skip rows. */
  orderBy: string;
  toItem(row: Row): Item;
}

/** Reads one page and the number of all matching rows, as two queries at once. */
export async function listPage<Row extends QueryResultRow, Item>(
  db: Pool | PoolClient,
  { columns, from, where, params = [], orderBy, toItem }: ListQuery<Row, Item>,
  { limit, offset }: Pagination,
): Promise<Page<Item>> {
  const filter = where ? ` WHERE ${where}` : '';
  const [rows, count] = await Promise.all([
    db.query<Row>(
      `SELECT ${columns} FROM ${from}${filter} ORDER BY ${orderBy} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    ),
    db.query<{ total: number }>(`SELECT count(*)::int AS total FROM ${from}${filter}`, [...params]),
  ]);
  return { items: rows.rows.map(toItem), total: count.rows[0].total, limit, offset };
}
