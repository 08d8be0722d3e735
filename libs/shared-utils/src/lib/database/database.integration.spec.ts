import { freePort } from '@factsway/dev-support';
import { startTestDatabase, type TestDatabase } from '@factsway/database';
import pino from 'pino';
import { Registry } from 'prom-client';
import { LogCapture } from '../../testing/log-capture';
import { newId } from '../ids/new-id';
import { createService, type RunningService } from '../service/create-service';
import { createPool } from './create-pool';
import { authEnv, authorizedFetch } from '../../testing/test-auth';

/** Every request of this spec carries a valid token, unless it sets its own authorization. */
const fetch = authorizedFetch;

describe('database pieces on a real PostgreSQL', () => {
  let database: TestDatabase;
  let running: RunningService;
  const logs = new LogCapture();

  beforeAll(async () => {
    database = await startTestDatabase();
    running = await createService({
      name: 'records',
      env: { ...(await authEnv()), APP_VERSION: '1.0.0', DATABASE_URL: database.url },
      logDestination: logs,
      routes(router, { db, logger }) {
        router.get('/api/notes/count', async (_req, res) => {
          // Pooled connections were opened by other requests: the id must survive awaiting them.
          const first = await db!.query('select count(*)::int as n from notes');
          await db!.query('select 1');
          logger.info({ notes: first.rows[0].n }, 'notes counted');
          res.json(first.rows[0]);
        });
        router.post('/api/notes', async (req, res) => {
          const id = newId();
          await db!.query('insert into notes (id, title) values ($1, $2)', [id, (req.body as { title: string }).title]);
          res.status(201).json({ id });
        });
      },
    }).listen(0);
  });

  afterAll(async () => {
    await running?.close();
    await database?.stop();
  });

  it('is ready while its database answers', async () => {
    const response = await fetch(`${running.url}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', service: 'records-service' });
  });

  it('times queries by operation and maps a unique violation to 409', async () => {
    const registry = new Registry();
    const pool = createPool({ databaseUrl: database.url }, registry, { logger: pino({ level: 'silent' }) });
    try {
      await pool.query('create table if not exists notes (id text primary key, title text not null unique)');
      await pool.query('select 1');
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query({ text: 'insert into notes (id, title) values ($1, $2)', values: [newId(), 'direct'] });
        await client.query('commit');
      } finally {
        client.release();
      }
      const metrics = await registry.metrics();
      expect(metrics).toMatch(/database_query_duration_seconds_count\{operation="select"\} 1/);
      expect(metrics).toMatch(/database_query_duration_seconds_count\{operation="insert"\} 1/);
      expect(metrics).toMatch(/database_query_duration_seconds_count\{operation="begin"\} 1/);
      expect(metrics).toMatch(/database_connection_errors_total 0/);
    } finally {
      await pool.end();
    }

    const first = await fetch(`${running.url}/api/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'same title' }),
    });
    expect(first.status).toBe(201);
    const second = await fetch(`${running.url}/api/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'same title' }),
    });
    expect(second.status).toBe(409);
    expect(((await second.json()) as { error: { code: string } }).error.code).toBe('conflict');
    expect(await (await fetch(`${running.url}/metrics`)).text()).toMatch(
      /database_query_duration_seconds_count\{service="records-service",version="1.0.0",operation="insert"\} 2/,
    );
  });

  it('keeps the request id on log lines written after awaiting pooled queries', async () => {
    const requests = ['count-a', 'count-b', 'count-c'];
    await Promise.all(requests.map((id) => fetch(`${running.url}/api/notes/count`, { headers: { 'x-request-id': id } })));
    const counted = logs.lines.filter((l) => l['msg'] === 'notes counted').map((l) => l['requestId']);
    expect(counted.sort()).toEqual(requests);
  });

  it('counts a refused connection and reports not ready, without crashing', async () => {
    const registry = new Registry();
    const pool = createPool({ databaseUrl: `postgres://postgres:x@127.0.0.1:${await freePort()}/factsway` }, registry);
    try {
      await expect(pool.query('select 1')).rejects.toThrow(/ECONNREFUSED/);
      await expect(pool.connect()).rejects.toThrow(/ECONNREFUSED/);
      expect(await registry.metrics()).toMatch(/database_connection_errors_total 2/);
    } finally {
      await pool.end();
    }
  });

  it('survives the database going away: idle connection errors are counted, /ready turns 503', async () => {
    // Open an idle pooled connection, then stop the server under it.
    expect((await fetch(`${running.url}/ready`)).status).toBe(200);
    await database.stop();
    const ready = await fetch(`${running.url}/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { error: { code: string } }).error.code).toBe('database_unavailable');
    const metrics = await (await fetch(`${running.url}/metrics`)).text();
    const errors = Number(/database_connection_errors_total\{[^}]*\} (\d+)/.exec(metrics)?.[1]);
    expect(errors).toBeGreaterThanOrEqual(1);
    // Still serving.
    expect((await fetch(`${running.url}/health`)).status).toBe(200);
  });
});
