import { freePort } from '@factsway/dev-support';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { get } from 'node:http';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bundleFixture } from '../../testing/bundle-fixture';
import { authEnv, authorizedFetch } from '../../testing/test-auth';

/** Every request of this spec carries a valid token. */
const fetch = authorizedFetch;

const entry = join(__dirname, '../../testing/fixtures/slow-service-main.ts');

function getOnNewConnection(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).on('error', reject);
  });
}

interface Started {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

async function start(bundle: string, env: Record<string, string>): Promise<Started> {
  env = { ...(await authEnv()), ...env };
  let out = '';
  let err = '';
  const child = spawn(process.execPath, [bundle], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

async function waitForHealth(url: string, started: Started): Promise<Response> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      return await fetch(`${url}/health`);
    } catch {
      if (started.child.exitCode !== null) throw new Error(`service exited: ${started.stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`service never answered: ${started.stdout()} ${started.stderr()}`);
}

describe('runService as a real process', () => {
  const bundle = bundleFixture(entry, '7.8.9');
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dirname(bundle), { recursive: true, force: true });
  });

  it('reports the version embedded at build time when APP_VERSION is unset', async () => {
    const port = await freePort();
    const started = await start(bundle, { PORT: String(port) });
    children.push(started.child);
    const health = await waitForHealth(`http://127.0.0.1:${port}`, started);
    expect(await health.json()).toMatchObject({ status: 'ok', service: 'export-service', version: '7.8.9' });
    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
  });

  it('on SIGTERM finishes the in-flight request, then exits 0', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const started = await start(bundle, { PORT: String(port), APP_VERSION: '1.0.0' });
    children.push(started.child);
    await waitForHealth(url, started);

    const inFlight = fetch(`${url}/api/slow?ms=800`);
    await waitFor(() => started.stdout().includes('slow request started'));
    started.child.kill('SIGTERM');
    await waitFor(() => started.stdout().includes('signal received'));
    // A new connection is refused (a kept-alive one would still get its answer, with Connection: close).
    await expect(getOnNewConnection(`${url}/health`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ finished: true });
    expect(await started.exited).toBe(0);
    const lines = started.stdout().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l['msg'])).toEqual(expect.arrayContaining(['signal received', 'shutdown complete']));
  });

  it('exits 1 naming the variable when the config is malformed', async () => {
    const started = await start(bundle, { APP_VERSION: '1.0.0', PORT: 'eighty' });
    expect(await started.exited).toBe(1);
    expect(started.stderr()).toContain('PORT must be a TCP port number');
  });

  it('exits 1 naming APP_VERSION when no version is set or embedded', async () => {
    const unversioned = bundleFixture(entry);
    try {
      const started = await start(unversioned, {});
      expect(await started.exited).toBe(1);
      expect(started.stderr()).toMatch(/^Invalid configuration for export-service: APP_VERSION is required/);
    } finally {
      rmSync(dirname(unversioned), { recursive: true, force: true });
    }
  });
});
