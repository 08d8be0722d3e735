// The port handoff of the local engine between two real processes of a real service bundle
// (export-service: no database), started as its image starts it (`node --require port-handoff.cjs`)
// on the pinned service Node. No podman: the drills cover the pods.
import { freePort, serviceNodeBinary } from '@factsway/dev-support';
import { testIssuer } from '@factsway/service-testing';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startHttpLoad } from '../../drills/http-load';
import { probeListener, watchPort } from './listener-probe';

const root = join(__dirname, '..', '..', '..', '..', '..');
const bundle = join(root, 'dist', 'apps', 'export-service', 'main.js');
const preload = join(root, 'tools', 'deploy', 'images', 'port-handoff.cjs');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

jest.setTimeout(120_000);

let issuerEnv: Record<string, string> = {};

interface Running {
  child: ChildProcess;
  stderr: () => string;
}

function startService(port: number, version: string, handoff: boolean): Running {
  let stderr = '';
  const child = spawn(serviceNodeBinary(), [...(handoff ? ['--require', preload] : []), bundle], {
    env: {
      PATH: process.env['PATH'],
      PORT: String(port),
      APP_VERSION: version,
      DEPLOYMENT_ENV: 'local',
      LOG_LEVEL: 'warn',
      // The service checks its issuer configuration at start (the port handoff uses no token).
      ...issuerEnv,
      ...(handoff ? { PORT_HANDOFF_SECONDS: '30' } : {}),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return { child, stderr: () => stderr };
}

/** Until a fresh connection finds `version` answering /ready with 200. */
async function untilReady(port: number, version: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const probe = await probeListener(port);
    if (probe.state === 'serving' && probe.version === version && probe.ready) return;
    await sleep(50);
  }
  throw new Error(`${version} never answered ready on ${port}`);
}

async function stopGracefully(running: Running): Promise<number | null> {
  if (running.child.exitCode !== null) return running.child.exitCode;
  const exited = once(running.child, 'exit');
  running.child.kill('SIGTERM');
  const [code] = (await exited) as [number | null];
  return code;
}

describe('port handoff of one service port between two versions', () => {
  const started: Running[] = [];
  beforeAll(async () => {
    issuerEnv = (await testIssuer()).env;
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npx nx run export-service:build\` first`);
  });
  afterEach(async () => {
    for (const running of started.splice(0)) if (running.child.exitCode === null) running.child.kill('SIGKILL');
  });

  it('the new version listens beside the old one; after the old one stops, under load, no request fails and no connect is refused', async () => {
    const port = await freePort();
    const a = startService(port, '1.0.0', true);
    started.push(a);
    await untilReady(port, '1.0.0');
    const load = startHttpLoad({ export: `http://127.0.0.1:${port}/health` }, 4, 2);
    const watch = watchPort(port, 1);
    await sleep(300);
    const b = startService(port, '1.0.1', true);
    started.push(b);
    await untilReady(port, '1.0.1');
    expect(b.stderr()).toContain(`port-handoff: listening on 127.0.0.1:${port} with SO_REUSEPORT`);
    expect(b.stderr()).not.toContain('is busy');
    await sleep(300);
    expect(await stopGracefully(a)).toBe(0);
    await sleep(300);
    const report = await load.stop();
    const seen = await watch.stop();
    process.stdout.write(
      `[handoff] ${report.requests} requests, ${report.failures.length} failed; ${seen.connects} connects, ${seen.refused} refused\n`,
    );
    process.stdout.write(`[handoff] failures ${JSON.stringify(report.failures)}\n`);
    expect(report.failures).toEqual([]);
    expect(report.requests).toBeGreaterThan(100);
    expect(seen.refused).toBe(0);
    expect(seen.connects).toBeGreaterThan(100);
    expect(await probeListener(port)).toEqual({ state: 'serving', version: '1.0.1', ready: true });
    expect(await stopGracefully(b)).toBe(0);
  });

  it('an old version that holds the port without SO_REUSEPORT: the new one waits and binds when it lets go', async () => {
    const port = await freePort();
    const a = startService(port, '1.0.0', false);
    started.push(a);
    await untilReady(port, '1.0.0');
    const b = startService(port, '1.0.1', true);
    started.push(b);
    const deadline = Date.now() + 60_000;
    while (!b.stderr().includes('is busy; waiting for the previous version') && Date.now() < deadline) await sleep(50);
    expect(b.stderr()).toContain(`port-handoff: 127.0.0.1:${port} is busy; waiting for the previous version`);
    expect(await probeListener(port)).toEqual({ state: 'serving', version: '1.0.0', ready: true });
    expect(await stopGracefully(a)).toBe(0);
    await untilReady(port, '1.0.1');
    expect(await stopGracefully(b)).toBe(0);
  });
});
