import { freePort } from '@factsway/dev-support';
import { Client } from 'pg';
import { queryOnce } from './query-once.testing';
import { isAlive, startTestDatabase, TestDatabase } from '../index';
import { copyTemplateDataDir } from './data-dir-template';
import { startEmbeddedServer, stopEmbeddedServer } from './embedded-server';
import { waitForExit } from './process-control';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('startTestDatabase', () => {
  let db: TestDatabase;

  afterEach(async () => db?.stop());

  it('serves a real PostgreSQL 17 on 127.0.0.1 with the platform database', async () => {
    db = await startTestDatabase();
    expect(db.url).toMatch(/^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/factsway$/);
    const [row] = await queryOnce(db.url, "SELECT current_database() AS db, current_setting('server_version_num') AS v");
    expect(row.db).toBe('factsway');
    expect(Number(row.v)).toBeGreaterThanOrEqual(170000);
  });

  it('interrupts like an outage (sessions get 57P01, connections are refused) and resumes with its data on the same port', async () => {
    db = await startTestDatabase();
    await queryOnce(db.url, 'CREATE TABLE kept (n int)');
    await queryOnce(db.url, 'INSERT INTO kept VALUES (1)');
    const session = new Client({ connectionString: db.url });
    await session.connect();
    const sessionErrors: (Error & { code?: string })[] = [];
    session.on('error', (error) => sessionErrors.push(error));
    const firstPid = db.postmasterPid;

    await db.interrupt();
    expect(isAlive(firstPid)).toBe(false);
    expect(sessionErrors[0]?.code).toBe('57P01');
    await expect(queryOnce(db.url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);

    await db.resume();
    expect(db.postmasterPid).not.toBe(firstPid);
    expect(await queryOnce(db.url, 'SELECT n FROM kept')).toEqual([{ n: 1 }]);
    await session.end().catch(() => undefined);
  });

  it('leaves no postgres process behind after stop(), and stop() is idempotent', async () => {
    db = await startTestDatabase();
    expect(isAlive(db.postmasterPid)).toBe(true);
    await Promise.all([db.stop(), db.stop()]);
    expect(isAlive(db.postmasterPid)).toBe(false);
    await expect(queryOnce(db.url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('lets a session that is closing while stop() runs end normally (smart shutdown, no 57P01)', async () => {
    // pg-pool's end() resolves before the server has seen a client's Terminate message, so a
    // test that ends its pool and then stops the database races its own sessions.
    db = await startTestDatabase();
    const client = new Client({ connectionString: db.url });
    const errors: Error[] = [];
    client.on('error', (error) => errors.push(error));
    await client.connect();
    await client.query('SELECT 1');
    const stopped = db.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await client.end();
    await stopped;
    expect(errors.map((error) => error.message)).toEqual([]);
    expect(isAlive(db.postmasterPid)).toBe(false);
  });

  it('ends a session that stays open past the grace period (fast shutdown), so stop() never hangs', async () => {
    db = await startTestDatabase();
    const client = new Client({ connectionString: db.url });
    const errors: Array<{ code?: string }> = [];
    client.on('error', (error) => errors.push(error as { code?: string }));
    await client.connect();
    await db.stop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors.map((error) => error.code)).toEqual(['57P01']);
    expect(isAlive(db.postmasterPid)).toBe(false);
  });

  it('applies the migrations of a folder with { migrate: true }', async () => {
    const migrationsDir = mkdtempSync(join(tmpdir(), 'factsway-migrations-'));
    writeFileSync(
      join(migrationsDir, '20260101000000000_create_notes.ts'),
      "export const up = (pgm: any) => pgm.createTable('notes', { id: 'text primary key' });\n",
    );
    db = await startTestDatabase({ migrate: true, migrationsDir });
    rmSync(migrationsDir, { recursive: true });
    expect(await queryOnce(db.url, 'SELECT name FROM pgmigrations')).toEqual([{ name: '20260101000000000_create_notes' }]);
    expect(await queryOnce(db.url, 'SELECT count(*)::int AS n FROM notes')).toEqual([{ n: 0 }]);
  });
});

describe('embedded server lifetime', () => {
  it('stops PostgreSQL when the process that started it goes away without calling stop()', async () => {
    const root = mkdtempSync(join(tmpdir(), 'factsway-pg-orphan-'));
    chmodSync(root, 0o755);
    await copyTemplateDataDir(join(root, 'data'));
    const server = await startEmbeddedServer({ dataDir: join(root, 'data'), port: await freePort(), durable: false });
    // What the kernel does to the pipe when the parent dies.
    server.worker.child.stdin?.destroy();
    await server.worker.exited;
    expect(await waitForExit(server.postmasterPid, 10_000)).toBe(true);
    rmSync(root, { recursive: true, force: true });
  });

  it('kills an orphaned postmaster when the worker itself was killed', async () => {
    const root = mkdtempSync(join(tmpdir(), 'factsway-pg-orphan-'));
    chmodSync(root, 0o755);
    await copyTemplateDataDir(join(root, 'data'));
    const server = await startEmbeddedServer({ dataDir: join(root, 'data'), port: await freePort(), durable: false });
    server.worker.child.kill('SIGKILL');
    await server.worker.exited;
    expect(isAlive(server.postmasterPid)).toBe(true);
    await stopEmbeddedServer(server);
    expect(isAlive(server.postmasterPid)).toBe(false);
    rmSync(root, { recursive: true, force: true });
  });
});
