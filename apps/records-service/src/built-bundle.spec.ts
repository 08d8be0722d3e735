import { findWorkspaceRoot, freePort } from '@factsway/dev-support';
import { startTestDatabase, type TestDatabase } from '@factsway/database';
import { platformVersion } from '@factsway/service-catalog';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = findWorkspaceRoot();
const bundle = join(root, 'dist', 'apps', 'records-service', 'main.js');

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<Response> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the bundle exited with ${child.exitCode}:\n${output()}`);
    try {
      return await fetch(`${url}/health`);
    } catch {
      if (Date.now() > deadline) throw new Error(`no /health within 30 s:\n${output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

// The test target depends on `build`, so `nx test records-service` builds the bundle first.
describe('the built bundle (dist/apps/records-service/main.js)', () => {
  let database: TestDatabase;
  let child: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run npx nx build records-service`);
    database = await startTestDatabase({ migrate: true });
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await database?.stop();
  });

  it('serves /health with the platform version embedded at build time, /ready, /metrics and the API; SIGTERM exits 0', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: database.url, PORT: String(port), DEPLOYMENT_ENV: 'local', LOG_LEVEL: 'warn' };
    delete env['APP_VERSION'];
    delete env['FACTSWAY_BUILD_VERSION'];
    child = spawn(process.execPath, [bundle], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const url = `http://127.0.0.1:${port}`;

    const health = await waitForHealth(url, child, () => output);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', service: 'records-service', version: platformVersion() });
    expect((await fetch(`${url}/ready`)).status).toBe(200);

    const created = await fetch(`${url}/api/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Doe v. Roe' }),
    });
    expect(created.status).toBe(201);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/http_requests_total\{[^}]*route="\/api\/cases"[^}]*status="201"[^}]*\} 1/);
    expect(metrics).toContain(`version="${platformVersion()}"`);

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
