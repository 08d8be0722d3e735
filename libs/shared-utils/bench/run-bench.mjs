#!/usr/bin/env node
// Requests/sec of one Express route, bare vs through createService, side by side.
// Both servers are bundled with esbuild (as services are built) and run as separate processes
// on 127.0.0.1; autocannon drives them in turn, alternating, and the median of the rounds counts.
//   node libs/shared-utils/bench/run-bench.mjs            (BENCH_SECONDS=10 BENCH_ROUNDS=2 BENCH_CONNECTIONS=50)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const workspaceRoot = join(here, '../../..');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

const variants = [
  { name: 'bare express', entry: 'servers/bare-express.ts', env: {} },
  { name: 'createService (info logs)', entry: 'servers/shared-utils-service.ts', env: { LOG_LEVEL: 'info' } },
  { name: 'createService (warn logs)', entry: 'servers/shared-utils-service.ts', env: { LOG_LEVEL: 'warn' } },
];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url, child) {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`server at ${url} never answered`);
}

async function measure(bundle, env) {
  const port = await freePort();
  // Logs go to /dev/null: writing them is part of the cost, reading them is not.
  const child = spawn(process.execPath, [bundle], {
    env: { PATH: process.env.PATH, APP_VERSION: '0.0.0-bench', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}/api/cases/01J9ZQ3V7K8M4N5P6Q7R8S9T0V`;
  try {
    await waitUntilUp(url, child);
    await autocannon({ url, connections, duration: 2 }); // warm-up (JIT, connection pool)
    const result = await autocannon({ url, connections, duration: seconds });
    if (result.errors || result.non2xx) throw new Error(`${result.errors} errors, ${result.non2xx} non-2xx responses`);
    return { rps: result.requests.average, p99: result.latency.p99 };
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const outdir = mkdtempSync(join(tmpdir(), 'shared-utils-bench-'));
try {
  const bundles = {};
  for (const variant of variants) {
    const outfile = join(outdir, variant.entry.replace(/\W+/g, '-') + '.js');
    if (!bundles[variant.entry]) {
      await build({
        entryPoints: [join(here, variant.entry)],
        outfile,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        logLevel: 'warning',
        tsconfig: join(workspaceRoot, 'tsconfig.base.json'),
      });
      bundles[variant.entry] = outfile;
    }
  }
  const samples = Object.fromEntries(variants.map((v) => [v.name, []]));
  for (let round = 1; round <= rounds; round += 1) {
    for (const variant of variants) {
      const sample = await measure(bundles[variant.entry], variant.env);
      samples[variant.name].push(sample);
      console.log(`round ${round}  ${variant.name.padEnd(28)} ${Math.round(sample.rps)} req/s  p99 ${sample.p99} ms`);
    }
  }
  const baseline = median(samples[variants[0].name].map((s) => s.rps));
  console.log(`\nGET /api/cases/:id, ${connections} connections, ${seconds} s x ${rounds} rounds, median req/s, Node ${process.version}`);
  console.log('variant                        req/s    ratio to bare');
  for (const variant of variants) {
    const rps = median(samples[variant.name].map((s) => s.rps));
    console.log(`${variant.name.padEnd(28)} ${String(Math.round(rps)).padStart(7)}    ${(rps / baseline).toFixed(2)}x`);
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
