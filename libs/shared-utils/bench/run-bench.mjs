#!/usr/bin/env node
// Requests/sec of one Express route, bare vs through createService, side by side.
// Each variant is bundled with esbuild (as services are built) and runs as its own process on
// 127.0.0.1 with its own autocannon process. All variants are loaded AT THE SAME TIME, so
// whatever else the machine does slows them alike. Two figures per variant, as ratios to bare:
//  - req/s: what autocannon measured (on a busy shared machine mostly scheduler wait);
//  - CPU per request: the server's user+system CPU (/proc/<pid>/stat) over requests served.
//    Its inverse is the req/s one core sustains, robust to other load: the capacity ratio.
// Medians over the rounds are reported. Every request carries a bearer token of a local issuer
// (servers/issuer.ts, its own process); createService verifies it, bare Express ignores it.
//   node libs/shared-utils/bench/run-bench.mjs     (BENCH_SECONDS=10 BENCH_ROUNDS=3 BENCH_CONNECTIONS=20)
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const workspaceRoot = join(here, '../../..');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const path = '/api/cases/01J9ZQ3V7K8M4N5P6Q7R8S9T0V';

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

/** The bench's token issuer in its own process: its AUTH_* environment and a token. */
async function startIssuer(bundle) {
  const child = spawn(process.execPath, [bundle], { env: { PATH: process.env.PATH }, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  for await (const chunk of child.stdout) {
    output += chunk;
    if (output.includes('\n')) break;
  }
  if (!output.includes('\n')) throw new Error(`the issuer exited with ${child.exitCode} before printing its configuration`);
  return { child, ...JSON.parse(output) };
}

async function startServer(bundle, env) {
  const port = await freePort();
  // Logs go to /dev/null: writing them is part of the cost, reading them is not.
  const child = spawn(process.execPath, [bundle], {
    env: { PATH: process.env.PATH, APP_VERSION: '0.0.0-bench', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}${path}`;
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`${bundle} exited with ${child.exitCode}`);
    try {
      await fetch(url, { headers: { authorization: `Bearer ${issuer.token}` } });
      return { child, url };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`server at ${url} never answered`);
}

const clockTicksPerSecond = Number((await promisify(execFile)('getconf', ['CLK_TCK'])).stdout.trim()) || 100;

/** User + system CPU seconds a process has used so far. */
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond; // utime, stime
}

const run = promisify(execFile);
async function load(url, duration) {
  const { stdout } = await run(process.execPath, [join(here, 'load-generator.mjs'), url, String(connections), String(duration), `Bearer ${issuer.token}`]);
  const result = JSON.parse(stdout);
  if (result.errors || result.non2xx) throw new Error(`${url}: ${result.errors} errors, ${result.non2xx} non-2xx`);
  return result;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const outdir = mkdtempSync(join(tmpdir(), 'shared-utils-bench-'));
const servers = [];
let issuer;
try {
  const bundles = {};
  for (const { entry } of [...variants, { entry: 'servers/issuer.ts' }]) {
    if (bundles[entry]) continue;
    bundles[entry] = join(outdir, entry.replace(/\W+/g, '-') + '.js');
    await build({
      entryPoints: [join(here, entry)],
      outfile: bundles[entry],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'warning',
      tsconfig: join(workspaceRoot, 'tsconfig.base.json'),
    });
  }
  issuer = await startIssuer(bundles['servers/issuer.ts']);
  for (const variant of variants) servers.push(await startServer(bundles[variant.entry], { ...issuer.env, ...variant.env }));
  await Promise.all(servers.map((s) => load(s.url, 2))); // warm-up: JIT, connections

  const rates = variants.map(() => []);
  const rateRatios = variants.map(() => []);
  const cpuPerRequest = variants.map(() => []);
  const capacityRatios = variants.map(() => []);
  for (let round = 1; round <= rounds; round += 1) {
    const cpuBefore = servers.map((s) => cpuSeconds(s.child.pid));
    const results = await Promise.all(servers.map((s) => load(s.url, seconds)));
    const cpuUs = results.map((r, i) => ((cpuSeconds(servers[i].child.pid) - cpuBefore[i]) * 1e6) / r.total);
    results.forEach((r, i) => {
      rates[i].push(r.rps);
      rateRatios[i].push(r.rps / results[0].rps);
      cpuPerRequest[i].push(cpuUs[i]);
      capacityRatios[i].push(cpuUs[0] / cpuUs[i]);
    });
    console.log(
      `round ${round}: ` +
        results
          .map((r, i) => `${variants[i].name} ${Math.round(r.rps)} req/s, ${Math.round(cpuUs[i])} us CPU/req (p99 ${r.p99} ms)`)
          .join(' | '),
    );
  }
  console.log(
    `\nGET ${path}, all variants loaded at once, ${connections} connections each, ${seconds} s x ${rounds} rounds, Node ${process.version}`,
  );
  console.log('variant                         req/s  ratio   CPU us/req  capacity ratio (1-core req/s vs bare)');
  variants.forEach((variant, i) => {
    console.log(
      `${variant.name.padEnd(28)} ${String(Math.round(median(rates[i]))).padStart(7)}  ${median(rateRatios[i]).toFixed(2)}x` +
        `   ${String(Math.round(median(cpuPerRequest[i]))).padStart(9)}   ${median(capacityRatios[i]).toFixed(2)}x`,
    );
  });
} finally {
  const children = [...servers, ...(issuer ? [issuer] : [])].map(({ child }) => child);
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((child) => (child.exitCode === null ? once(child, 'exit') : undefined)));
  rmSync(outdir, { recursive: true, force: true });
}
