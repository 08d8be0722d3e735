import { findWorkspaceRoot, freePort } from '@factsway/dev-support';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryOnce } from './query-once.testing';
import { ensureLocalDatabase, stopLocalDatabase } from './local-database';
import { isAlive } from './process-control';

// The real one lives in .local/postgres on port 5433; this test uses its own folder and port.
describe('ensureLocalDatabase', () => {
  const directory = mkdtempSync(join(tmpdir(), 'factsway-local-pg-'));
  let port: number;

  beforeAll(async () => {
    port = await freePort();
  });
  afterAll(async () => {
    await stopLocalDatabase({ directory });
    rmSync(directory, { recursive: true, force: true });
  });

  it('starts a server that outlives its caller, reuses it, and keeps the data across a restart', async () => {
    // Two callers at once (say the local platform and migrations:up): one starts it, one reuses it.
    const both = await Promise.all([ensureLocalDatabase({ directory, port }), ensureLocalDatabase({ directory, port })]);
    expect(both.map((b) => b.reused).sort()).toEqual([false, true]);
    const first = both.find((b) => !b.reused)!;
    expect(first).toMatchObject({ port, reused: false, logFile: join(directory, 'postgres.log') });
    expect(first.url).toBe(`postgres://postgres:factsway@127.0.0.1:${port}/factsway`);
    await queryOnce(first.url, 'CREATE TABLE kept (note text); INSERT INTO kept VALUES ($$still here$$)');

    // Started detached: its worker is not our child, so it survives when this process ends.
    const [workerPid] = readFileSync(join(directory, 'worker.pid'), 'utf8').split('\n').map(Number);
    expect(isAlive(workerPid)).toBe(true);

    const second = await ensureLocalDatabase({ directory, port });
    expect(second).toMatchObject({ url: first.url, reused: true });

    // Stopped from a plain node process, as a command line would (nothing else keeps it alive).
    const stop = spawnSync(
      process.execPath,
      ['-r', '@swc-node/register', '-e', `require('./libs/database/src').stopLocalDatabase({ directory: ${JSON.stringify(directory)} }).then((stopped) => console.log('stopped=' + stopped))`],
      { cwd: findWorkspaceRoot(), env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json' }, encoding: 'utf8', timeout: 60_000 },
    );
    expect(stop.stdout).toContain('stopped=true');
    expect(existsSync(join(directory, 'worker.pid'))).toBe(false);
    expect(isAlive(workerPid)).toBe(false);
    await expect(queryOnce(first.url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);

    const third = await ensureLocalDatabase({ directory, port });
    expect(third.reused).toBe(false);
    expect(await queryOnce(third.url, 'SELECT note FROM kept')).toEqual([{ note: 'still here' }]);
  });

  it('refuses a port held by something that is not its PostgreSQL', async () => {
    const { createServer } = await import('node:net');
    const squatter = createServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    const squatterPort = await freePort();
    await new Promise<void>((resolve) => squatter.listen(squatterPort, '127.0.0.1', resolve));
    try {
      await expect(ensureLocalDatabase({ directory: join(directory, 'other'), port: squatterPort })).rejects.toThrow(
        new RegExp(`port ${squatterPort} on 127.0.0.1 is taken`),
      );
    } finally {
      squatter.close();
    }
  });
});
