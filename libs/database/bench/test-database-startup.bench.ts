// Prints how long a test server takes to be ready: from the once-initialised template
// (what startTestDatabase does) against a fresh initdb, side by side.
// Run: npx nx run database:bench
import { freePort } from '@factsway/dev-support';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestDatabase } from '../src';
import { startEmbeddedServer, stopEmbeddedServer } from '../src/lib/embedded-server';

const rounds = Number(process.env['ROUNDS'] ?? 3);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timeFreshInitdb(): Promise<number> {
  const root = mkdtempSync(join(tmpdir(), 'factsway-pg-bench-'));
  chmodSync(root, 0o755);
  const started = performance.now();
  const server = await startEmbeddedServer({ dataDir: join(root, 'data'), port: await freePort(), durable: false });
  const elapsed = performance.now() - started;
  await stopEmbeddedServer(server);
  rmSync(root, { recursive: true, force: true });
  return elapsed;
}

async function timeFromTemplate(): Promise<number> {
  const started = performance.now();
  const db = await startTestDatabase();
  const elapsed = performance.now() - started;
  await db.stop();
  return elapsed;
}

async function main() {
  await (await startTestDatabase()).stop(); // builds the template if this machine has none yet
  const fresh: number[] = [];
  const template: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    fresh.push(await timeFreshInitdb());
    template.push(await timeFromTemplate());
  }
  const f = median(fresh);
  const t = median(template);
  console.log(`test server ready, median of ${rounds}:`);
  console.log(`  fresh initdb + start   ${f.toFixed(0).padStart(6)} ms`);
  console.log(`  template copy + start  ${t.toFixed(0).padStart(6)} ms`);
  console.log(`  ratio fresh/template   ${(f / t).toFixed(1)}x`);
}

void main();
