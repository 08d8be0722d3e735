import type { Pagination } from '@factsway/shared-utils';

/** One page of a list: `GET /api/<things>?limit&offset`. */
export interface Page<T> {
  items: T[];
  /** How many exist in all (for the client's pager). */
  total: number;
  limit: number;
  offset: number;
}

export function page<T>(items: T[], total: number, { limit, offset }: Pagination): Page<T> {
  return { items, total, limit, offset };
}
