import { startTestDatabase, type TestDatabase } from '@factsway/database';
import { Pool } from 'pg';
import { withTransaction } from './with-transaction';

describe('withTransaction on a real PostgreSQL', () => {
  let database: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    database = await startTestDatabase();
    pool = new Pool({ connectionString: database.url, max: 2 });
    await pool.query('CREATE TABLE notes (title text PRIMARY KEY)');
  });

  afterAll(async () => {
    await pool?.end();
    await database?.stop();
  });

  beforeEach(() => pool.query('TRUNCATE notes'));

  async function titles(): Promise<string[]> {
    const { rows } = await pool.query<{ title: string }>('SELECT title FROM notes ORDER BY title');
    return rows.map((r) => r.title);
  }

  it('commits every write and returns what the work returned', async () => {
    const result = await withTransaction(pool, async (client) => {
      await client.query("INSERT INTO notes VALUES ('a')");
      await client.query("INSERT INTO notes VALUES ('b')");
      return 'done';
    });
    expect(result).toBe('done');
    expect(await titles()).toEqual(['a', 'b']);
  });

  it('rolls back every write when the work throws, and rethrows that error', async () => {
    await expect(
      withTransaction(pool, async (client) => {
        await client.query("INSERT INTO notes VALUES ('a')");
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    expect(await titles()).toEqual([]);
  });

  it('rolls back the earlier writes when a later statement fails', async () => {
    await expect(
      withTransaction(pool, async (client) => {
        await client.query("INSERT INTO notes VALUES ('a')");
        await client.query("INSERT INTO notes VALUES ('a')");
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await titles()).toEqual([]);
  });

  it('returns the client to the pool after both outcomes', async () => {
    for (let i = 0; i < 3; i++) {
      await withTransaction(pool, (client) => client.query('SELECT 1'));
      await withTransaction(pool, () => Promise.reject(new Error('no'))).catch(() => undefined);
    }
    expect(pool.totalCount).toBeLessThanOrEqual(2);
    expect(pool.idleCount).toBe(pool.totalCount);
    expect(pool.waitingCount).toBe(0);
  });

  it('keeps other connections from seeing uncommitted writes', async () => {
    await withTransaction(pool, async (client) => {
      await client.query("INSERT INTO notes VALUES ('pending')");
      expect(await titles()).toEqual([]);
    });
    expect(await titles()).toEqual(['pending']);
  });
});
