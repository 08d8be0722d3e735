import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SupervisedProcess, SupervisorEvent } from './supervised-process';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function waitFor<T>(events: SupervisorEvent[], predicate: (e: SupervisorEvent) => e is SupervisorEvent & T, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const found = events.find(predicate);
      if (found) {
        clearInterval(poll);
        resolve(found as T);
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(poll);
        reject(new Error(`no matching event in ${JSON.stringify(events)}`));
      }
    }, 10);
  });
}

describe('SupervisedProcess', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'supervised-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const node = (script: string, events: SupervisorEvent[], extra: Partial<ConstructorParameters<typeof SupervisedProcess>[0]> = {}) =>
    new SupervisedProcess({
      name: 'child',
      command: process.execPath,
      args: ['-e', script],
      env: { PATH: process.env['PATH'] },
      cwd: dir,
      logFile: join(dir, 'child.log'),
      initialBackoffMs: 20,
      onEvent: (e) => events.push(e),
      ...extra,
    });

  it('restarts a process that exits, with doubling backoff, then gives up after maxRestarts', async () => {
    const events: SupervisorEvent[] = [];
    const child = node('console.log("up"); process.exit(3)', events, { maxRestarts: 2 });
    child.start();
    const gaveUp = await waitFor<{ restarts: number }>(events, (e): e is Extract<SupervisorEvent, { type: 'gave-up' }> => e.type === 'gave-up');
    expect(gaveUp.restarts).toBe(2);
    expect(events.filter((e) => e.type === 'exited').map((e) => (e as { restartInMs: number }).restartInMs)).toEqual([20, 40]);
    expect(events.filter((e) => e.type === 'started')).toHaveLength(3);
    expect(child.failure).toBe('exited with code 3 and was restarted 2 times');
    expect(readFileSync(join(dir, 'child.log'), 'utf8').match(/^up$/gm)).toHaveLength(3);
    await child.stop();
  });

  it('brings a killed process back under a new pid', async () => {
    const events: SupervisorEvent[] = [];
    const child = node('setInterval(() => undefined, 1000)', events);
    child.start();
    const first = child.pid as number;
    process.kill(first, 'SIGKILL');
    await waitFor(events, (e): e is SupervisorEvent => e.type === 'started' && e.restart === 1);
    expect(child.pid).toBeDefined();
    expect(child.pid).not.toBe(first);
    expect(events.find((e) => e.type === 'exited')).toMatchObject({ signal: 'SIGKILL', restart: 1 });
    await child.stop();
    expect(child.pids().filter(isAlive)).toEqual([]);
  });

  it('does not restart a process that stops cleanly (exit code 0), and says so', async () => {
    const events: SupervisorEvent[] = [];
    const child = node('setTimeout(() => process.exit(0), 50)', events);
    child.start();
    await waitFor(events, (e): e is SupervisorEvent => e.type === 'stopped');
    await new Promise((r) => setTimeout(r, 200));
    expect(events.map((e) => e.type)).toEqual(['started', 'stopped']);
    expect(child.failure).toBe('stopped (exit code 0)');
  });

  it('stops with SIGTERM and does not restart what it stopped', async () => {
    const events: SupervisorEvent[] = [];
    const child = node('process.on("SIGTERM", () => { console.log("drained"); process.exit(0); }); setInterval(() => undefined, 1000)', events);
    child.start();
    await new Promise((r) => setTimeout(r, 300)); // let it install its handler
    await child.stop();
    await new Promise((r) => setTimeout(r, 100));
    expect(events.map((e) => e.type)).toEqual(['started']);
    expect(readFileSync(join(dir, 'child.log'), 'utf8')).toContain('drained');
  });

  it('kills a process that ignores SIGTERM after the stop timeout', async () => {
    const events: SupervisorEvent[] = [];
    const child = node('process.on("SIGTERM", () => undefined); setInterval(() => undefined, 1000)', events, { stopTimeoutMs: 300 });
    child.start();
    await new Promise((r) => setTimeout(r, 300));
    const pid = child.pid as number;
    await child.stop();
    expect(isAlive(pid)).toBe(false);
  });
});
