import { startTestDatabase, type TestDatabase } from '@factsway/database';
import { Pool } from 'pg';
import { listPage, type ListQuery } from './list-page';

describe('listPage on a real PostgreSQL', () => {
  let database: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    database = await startTestDatabase();
    pool = new Pool({ connectionString: database.url, max: 2 });
    await pool.query('CREATE TABLE shelves (id int PRIMARY KEY, room text NOT NULL)');
    await pool.query('CREATE TABLE books (id int PRIMARY KEY, title text NOT NULL, shelf_id int NOT NULL REFERENCES shelves (id))');
    await pool.query("INSERT INTO shelves VALUES (1, 'study'), (2, 'hall')");
    await pool.query(`INSERT INTO books SELECT n, 'Book ' || n, 1 + n % 2 FROM generate_series(1, 7) AS n`);
  });

  afterAll(async () => {
    await pool?.end();
    await database?.stop();
  });

  const books: ListQuery<{ id: number; title: string }, string> = {
    columns: 'id, title',
    from: 'books',
    orderBy: 'id',
    toItem: (row) => `${row.id}: ${row.title}`,
  };

  it('maps one page of rows and counts them all', async () => {
    expect(await listPage(pool, books, { limit: 3, offset: 0 })).toEqual({
      items: ['1: Book 1', '2: Book 2', '3: Book 3'],
      total: 7,
      limit: 3,
      offset: 0,
    });
    expect(await listPage(pool, books, { limit: 3, offset: 6 })).toMatchObject({ items: ['7: Book 7'], total: 7 });
    expect(await listPage(pool, books, { limit: 3, offset: 9 })).toMatchObject({ items: [], total: 7 });
  });

  it('filters the page and the count alike, with the parameters numbered before limit and offset', async () => {
    const laterOnShelfOne = { ...books, where: 'shelf_id = $1 AND id > $2', params: [1, 2], orderBy: 'id DESC' };
    expect(await listPage(pool, laterOnShelfOne, { limit: 2, offset: 0 })).toEqual({ items: ['6: Book 6', '4: Book 4'], total: 2, limit: 2, offset: 0 });
  });

  it('reads joined tables', async () => {
    const withRoom: ListQuery<{ title: string; room: string }, string> = {
      columns: 'b.title, s.room',
      from: 'books b JOIN shelves s ON s.id = b.shelf_id',
      where: 's.room = $1',
      params: ['study'],
      orderBy: 'b.id',
      toItem: (row) => `${row.title} (${row.room})`,
    };
    expect(await listPage(pool, withRoom, { limit: 2, offset: 1 })).toEqual({ items: ['Book 4 (study)', 'Book 6 (study)'], total: 3, limit: 2, offset: 1 });
  });
});
