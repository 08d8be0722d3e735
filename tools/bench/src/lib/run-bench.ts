import { startTestDatabase } from '@factsway/database';
import { findWorkspaceRoot, freePort } from '@factsway/dev-support';
import { startLocalIssuer } from '@factsway/shared-utils';
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BenchRow } from './bench-row';
import { bundle } from './bundle';
import { interleaved, type Contender } from './interleaved';
import { median } from './median';
import { startNginx } from './nginx';
import { nodeRuntimes, type NodeRuntime } from './node-runtimes';
import { startPinned, type PinnedProcess } from './pinned-process';
import { timedCommand } from './timed-command';
import { SERVER_CORE, wrk } from './wrk';

const execFileAsync = promisify(execFile);
const MiB = 1024 * 1024;

export interface BenchOptions {
  /** Seconds per wrk run. */
  seconds: number;
  rounds: number;
  /** Installer size for the update-origin rows. */
  installerBytes: number;
  /** The project whose cached test run is timed. */
  cachedTestProject: string;
  /** Only these parts of the table (default: all of them), e.g. to measure one change quickly. */
  only?: BenchPart[];
  log: (line: string) => void;
}

/** The parts of the bench, in the order the table lists them. */
export const BENCH_PARTS = ['request-path', 'records-read', 'update-origin', 'developer-loop', 'derived-artifacts'] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

export const FULL_BENCH: Omit<BenchOptions, 'log'> = { seconds: 8, rounds: 5, installerBytes: 50 * MiB, cachedTestProject: 'records-service' };
/** End to end in about a minute: every row, figures not meaningful. */
export const QUICK_BENCH: Omit<BenchOptions, 'log'> = { seconds: 1, rounds: 1, installerBytes: 1 * MiB, cachedTestProject: 'service-catalog' };

const SENTRY_DSN = 'http://bench@127.0.0.1:9/1';
const SERVICE_ENV = { DEPLOYMENT_ENV: 'local', LOG_LEVEL: 'info', SENTRY_DSN, HOST: '127.0.0.1' };

/**
 * What the services' requests carry in production: a bearer token, verified on every /api
 * request (ES256 signature, issuer, audience, expiry) against the JWKS of a real local issuer
 * in this process. The baselines get the same header and ignore it.
 */
interface BenchAuth {
  /** AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL of the issuer, for the services. */
  env: Record<string, string>;
  headers: Record<string, string>;
}

async function startBenchAuth(stack: Array<() => Promise<void>>): Promise<BenchAuth> {
  const issuer = await startLocalIssuer();
  stack.push(() => issuer.close());
  // One token for the whole run: the default lifetime (1 h) outlasts a full bench.
  const token = await issuer.mint({ tenant: 'bench-firm', subject: 'bench@bench-firm.example' });
  return { env: issuer.env, headers: { authorization: `Bearer ${token}` } };
}

/** Runs every comparison of the bench and returns the table's rows. */
export async function runBench(options: BenchOptions): Promise<BenchRow[]> {
  const workDir = mkdtempSync(join(tmpdir(), 'factsway-bench-'));
  // nginx's worker runs as www-data when started as root: it must be able to read the files.
  chmodSync(workDir, 0o755);
  const stack: Array<() => Promise<void>> = [];
  try {
    const rows: BenchRow[] = [];
    const wanted = (part: BenchPart) => options.only === undefined || options.only.includes(part);
    const auth = await startBenchAuth(stack);
    if (wanted('request-path')) rows.push(...(await requestPath(options, stack, auth)));
    if (wanted('records-read')) rows.push(...(await recordsRead(options, stack, auth)));
    if (wanted('update-origin')) rows.push(...(await updateOrigin(options, workDir, stack)));
    if (wanted('developer-loop')) rows.push(...developerLoop(options));
    if (wanted('derived-artifacts')) rows.push(derivedArtifacts(options));
    return rows;
  } finally {
    for (const stop of stack.reverse()) await stop().catch(() => undefined);
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function start(stack: Array<() => Promise<void>>, runtime: NodeRuntime, file: string, env: Record<string, string> = {}): Promise<PinnedProcess> {
  const port = await freePort();
  const { READY_PATH: readyPath = '/', ...serverEnv } = env;
  const server = await startPinned({ command: runtime.binary, args: ['--enable-source-maps', file], env: { ...serverEnv, PORT: String(port) }, port, readyPath });
  stack.push(() => server.stop());
  return server;
}

function wrkContender(
  name: string,
  url: string,
  options: BenchOptions,
  measure: 'requests' | 'bytes' = 'requests',
  wrkOptions: { headers?: Record<string, string>; connections?: number } = {},
): Contender {
  return {
    name,
    measure: async () => {
      const result = await wrk(url, { seconds: options.seconds, ...wrkOptions });
      if (result.errors > 0) throw new Error(`${name}: ${result.errors} failed requests during the run`);
      return measure === 'requests' ? result.requestsPerSecond : result.bytesPerSecond;
    },
  };
}

async function requestPath(options: BenchOptions, stack: Array<() => Promise<void>>, auth: BenchAuth): Promise<BenchRow[]> {
  options.log('request path: production stack vs bare Express vs peer stack, per runtime');
  const files = {
    production: bundle(join(__dirname, '..', 'servers', 'production-stack.ts')),
    bare: bundle(join(__dirname, '..', 'servers', 'bare-express.ts')),
    peer: bundle(join(__dirname, '..', 'servers', 'peer-stack.ts')),
  };
  const contenders: Contender[] = [];
  const runtimes = nodeRuntimes();
  for (const runtime of runtimes) {
    const production = await start(stack, runtime, files.production, { ...SERVICE_ENV, ...auth.env, READY_PATH: '/health' });
    const bare = await start(stack, runtime, files.bare, { READY_PATH: '/api/cases/1' });
    const peer = await start(stack, runtime, files.peer, { SENTRY_DSN, READY_PATH: '/api/cases/1' });
    for (const [kind, server] of [['production', production], ['bare', bare], ['peer', peer]] as const) {
      contenders.push(wrkContender(`${runtime.label} ${kind}`, `${server.url}/api/cases/01HZX0000000000000000000AB`, options, 'requests', { headers: auth.headers }));
    }
  }
  const medians = await interleaved(contenders, options.rounds, options.log);
  return runtimes.flatMap((runtime): BenchRow[] => {
    const production = medians.get(`${runtime.label} production`)!;
    const bare = medians.get(`${runtime.label} bare`)!;
    const peer = medians.get(`${runtime.label} peer`)!;
    return [
      { figure: `request path, ${runtime.label}: production stack, Sentry on`, value: production, baselineName: 'bare Express 5', baseline: bare, unit: 'req/s', goal: { kind: 'ratio-at-least', ratio: 0.75 } },
      { figure: `request path, ${runtime.label}: production stack, Sentry on`, value: production, baselineName: 'peer stack (prom-bundle, pino-http, Sentry traces 0.1)', baseline: peer, unit: 'req/s', goal: { kind: 'ratio-at-least', ratio: 4 } },
    ];
  });
}

async function recordsRead(options: BenchOptions, stack: Array<() => Promise<void>>, auth: BenchAuth): Promise<BenchRow[]> {
  options.log('records read: GET /api/drafts/:id through records-service vs bare Express with the same query vs a pg loop');
  const database = await startTestDatabase({ migrate: true });
  stack.push(() => database.stop());
  const runtime = nodeRuntimes().at(-1)!;
  const env = { ...SERVICE_ENV, ...auth.env, DATABASE_URL: database.url, READY_PATH: '/ready' };
  const records = await start(stack, runtime, bundle(join(findWorkspaceRoot(), 'apps', 'records-service', 'src', 'main.ts')), env);
  const draftId = await seedDraft(records.url, auth);
  const bare = await start(stack, runtime, bundle(join(__dirname, '..', 'servers', 'records-bare.ts')), { DATABASE_URL: database.url, READY_PATH: `/api/drafts/${draftId}` });
  const pgLoop = bundle(join(__dirname, '..', 'servers', 'pg-loop.ts'));
  const medians = await interleaved(
    [
      wrkContender('records-service', `${records.url}/api/drafts/${draftId}`, options, 'requests', { headers: auth.headers }),
      wrkContender('bare Express + pg', `${bare.url}/api/drafts/${draftId}`, options, 'requests', { headers: auth.headers }),
      {
        name: 'pg loop',
        measure: async () => {
          const { stdout } = await execFileAsync('taskset', ['-c', SERVER_CORE, runtime.binary, pgLoop], {
            env: { DATABASE_URL: database.url, DRAFT_ID: draftId, BENCH_SECONDS: String(options.seconds) },
          });
          return (JSON.parse(stdout) as { queriesPerSecond: number }).queriesPerSecond;
        },
      },
    ],
    options.rounds,
    options.log,
  );
  // Idle memory: the service from its bundle, settled after start-up, like the local platform runs it.
  const idle = await start(stack, runtime, bundle(join(findWorkspaceRoot(), 'apps', 'records-service', 'src', 'main.ts')), env);
  const idleBare = await start(stack, runtime, bundle(join(__dirname, '..', 'servers', 'bare-express.ts')), { READY_PATH: '/api/cases/1' });
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const service = medians.get('records-service')!;
  const idleMiB = idle.rssBytes() / MiB;
  return [
    { figure: `records read (${runtime.label}): records-service GET /api/drafts/:id`, value: service, baselineName: 'bare Express + same pg query', baseline: medians.get('bare Express + pg')!, unit: 'req/s', goal: { kind: 'ratio-at-least', ratio: 0.75 } },
    { figure: `records read (${runtime.label}): records-service GET /api/drafts/:id`, value: service, baselineName: 'raw pg query loop (the limit)', baseline: medians.get('pg loop')!, unit: 'req/s', goal: { kind: 'none' } },
    {
      figure: `idle memory (${runtime.label}): records-service from its bundle`,
      value: idleMiB,
      baselineName: 'bare Express',
      baseline: idleBare.rssBytes() / MiB,
      unit: 'MiB',
      goal: { kind: 'at-most', limit: 100 },
      note: idleMiB > 100 ? `where it goes (resident MiB of an empty ${runtime.label}, then added by requiring each package alone): ${moduleFootprints(runtime)}` : undefined,
    },
  ];
}

async function seedDraft(url: string, auth: BenchAuth): Promise<string> {
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth.headers }, body: JSON.stringify(body) });
    if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string };
  };
  const caseId = (await post('/api/cases', { title: 'Smith v. Jones' })).id;
  return (await post('/api/drafts', { caseId, title: 'Complaint' })).id;
}

const originBytesNote =
  'each answer is one GET through the AWS SDK (SigV4) to s3rver in the same process, which per request stats the file, reads its metadata and MD5 side files and opens it, and the bytes cross loopback HTTP twice (s3rver to the origin, the origin to the client) on the one server core, against nginx\'s sendfile from the page cache. ' +
  'What would meet it: serve immutable release files (releases/*, never rewritten, ADR 031) from a bounded local copy kept by key and ETag and sent with sendfile, or read the bucket\'s files directly (rejected in ADR 033 to keep the S3 path).';

async function updateOrigin(options: BenchOptions, workDir: string, stack: Array<() => Promise<void>>): Promise<BenchRow[]> {
  options.log('update origin vs nginx: latest.yml, the installer, a range of it');
  const filesDir = join(workDir, 'files');
  mkdirSync(filesDir, { recursive: true });
  const installer = 'FACTSWAY-Setup-1.0.0.exe';
  writeFileSync(join(filesDir, 'latest.yml'), `version: 1.0.0\nfiles:\n  - url: ${installer}\n    sha512: bench\n    size: ${options.installerBytes}\npath: ${installer}\nsha512: bench\nreleaseDate: '2026-12-05T00:00:00.000Z'\n`);
  const bytes = Buffer.alloc(options.installerBytes);
  for (let i = 0; i < bytes.length; i += 4096) bytes[i] = i % 251;
  writeFileSync(join(filesDir, installer), bytes);
  const runtime = nodeRuntimes().at(-1)!;
  const origin = await start(stack, runtime, bundle(join(__dirname, '..', 'servers', 'update-origin-server.ts')), {
    BUCKET_DIR: join(workDir, 'bucket'),
    FILES_DIR: filesDir,
    LOG_LEVEL: 'info',
    READY_PATH: '/latest.yml',
  });
  const nginxPort = await freePort();
  const nginx = await startNginx(filesDir, join(workDir, 'nginx'), nginxPort, '/latest.yml');
  stack.push(() => nginx.stop());
  const range = { Range: `bytes=${Math.floor(options.installerBytes / 2)}-${Math.floor(options.installerBytes / 2) + MiB / 4 - 1}` };
  const medians = await interleaved(
    [
      wrkContender('origin latest.yml', `${origin.url}/latest.yml`, options),
      wrkContender('nginx latest.yml', `${nginx.url}/latest.yml`, options),
      // A few whole-installer downloads at once, as clients fetch them; 32 would not finish one in a run.
      wrkContender('origin installer', `${origin.url}/${installer}`, options, 'bytes', { connections: 4 }),
      wrkContender('nginx installer', `${nginx.url}/${installer}`, options, 'bytes', { connections: 4 }),
      wrkContender('origin range', `${origin.url}/${installer}`, options, 'requests', { headers: range }),
      wrkContender('nginx range', `${nginx.url}/${installer}`, options, 'requests', { headers: range }),
    ],
    options.rounds,
    options.log,
  );
  const size = `${(options.installerBytes / MiB).toFixed(0)} MiB`;
  return [
    {
      figure: `update origin (${runtime.label}): latest.yml`,
      value: medians.get('origin latest.yml')!,
      baselineName: 'nginx',
      baseline: medians.get('nginx latest.yml')!,
      unit: 'req/s',
      goal: { kind: 'ratio-at-least', ratio: 0.25 },
      note:
        'manifests are served from memory and revalidated against the bucket once a second (docs/adr/038); what is left is Express and the shared HTTP core (request id, one log line, metrics) on one core against nginx in C.',
    },
    {
      figure: `update origin (${runtime.label}): ${size} installer (4 connections)`,
      value: medians.get('origin installer')! / MiB,
      baselineName: 'nginx',
      baseline: medians.get('nginx installer')! / MiB,
      unit: 'MiB/s',
      goal: { kind: 'ratio-at-least', ratio: 0.8 },
      note: originBytesNote,
    },
    {
      figure: `update origin (${runtime.label}): 256 KiB range of the installer`,
      value: medians.get('origin range')!,
      baselineName: 'nginx',
      baseline: medians.get('nginx range')!,
      unit: 'req/s',
      goal: { kind: 'ratio-at-least', ratio: 0.8 },
      note: originBytesNote,
    },
  ];
}

const NX_CI_ENV = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
/** As a developer runs nx here: the daemon on (nx.json and docs/adr/043), plugins in-process (.env). */
const NX_LOCAL_ENV = { NX_DAEMON: 'true', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

/**
 * The loop goal is for a developer's machine, where the daemon keeps the project graph warm; CI
 * keeps the daemon off (every run is a fresh machine), so its figures are printed without a goal.
 */
function developerLoop(options: BenchOptions): BenchRow[] {
  options.log(`developer loop: cached nx test ${options.cachedTestProject} and nx show projects, with the daemon (locally) and without (CI)`);
  const nx = join(findWorkspaceRoot(), 'node_modules', '.bin', 'nx');
  const rounds = Math.max(options.rounds, 1);
  const timed = (args: string[], env: Record<string, string>) => median(Array.from({ length: rounds }, () => timedCommand(nx, args, env)));
  timedCommand(nx, ['test', options.cachedTestProject], NX_CI_ENV); // fills the cache
  const bare = median(Array.from({ length: rounds }, () => timedCommand(process.execPath, ['-e', '0'])));
  const ci = { cached: timed(['test', options.cachedTestProject], NX_CI_ENV), show: timed(['show', 'projects'], NX_CI_ENV) };
  timedCommand(nx, ['show', 'projects'], NX_LOCAL_ENV); // starts the daemon, which builds the graph once
  try {
    const local = { cached: timed(['test', options.cachedTestProject], NX_LOCAL_ENV), show: timed(['show', 'projects'], NX_LOCAL_ENV) };
    return [
      { figure: `developer loop (daemon, as locally): cached nx test ${options.cachedTestProject}`, value: local.cached, baselineName: 'node -e 0', baseline: bare, unit: 's', goal: { kind: 'at-most', limit: 3 } },
      { figure: 'developer loop (daemon, as locally): nx show projects', value: local.show, baselineName: 'node -e 0', baseline: bare, unit: 's', goal: { kind: 'at-most', limit: 2 } },
      { figure: `developer loop (no daemon, as CI): cached nx test ${options.cachedTestProject}`, value: ci.cached, baselineName: 'node -e 0', baseline: bare, unit: 's', goal: { kind: 'none' } },
      { figure: 'developer loop (no daemon, as CI): nx show projects', value: ci.show, baselineName: 'node -e 0', baseline: bare, unit: 's', goal: { kind: 'none' } },
    ];
  } finally {
    timedCommand(nx, ['daemon', '--stop'], NX_LOCAL_ENV);
  }
}

function derivedArtifacts(options: BenchOptions): BenchRow {
  options.log('derived artifacts: kubernetes manifests, CloudFront template, monitoring files');
  const root = findWorkspaceRoot();
  const generators = ['infra/kubernetes/src/synth.ts', 'infra/cloudfront/src/synth.ts', 'infra/monitoring/src/generate.ts'];
  let total = 0;
  const parts: string[] = [];
  for (const generator of generators) {
    const seconds = timedCommand(process.execPath, ['-r', '@swc-node/register', join(root, generator)], { SWC_NODE_PROJECT: 'tsconfig.base.json' });
    options.log(`  ${generator}: ${seconds.toFixed(1)} s`);
    parts.push(`${generator} ${seconds.toFixed(1)} s`);
    total += seconds;
  }
  const bare = timedCommand(process.execPath, ['-e', '0']) * generators.length;
  return { figure: 'regenerating every derived artifact (3 generators)', value: total, baselineName: '3 x node -e 0', baseline: bare, unit: 's', goal: { kind: 'at-most', limit: 10 }, note: total > 10 ? `per generator: ${parts.join(', ')}` : undefined };
}

/** What each package the services load at start adds to an empty process, measured one by one. */
function moduleFootprints(runtime: NodeRuntime): string {
  const rssAfter = (modules: string[]) =>
    Number(
      execFileSync(runtime.binary, ['-e', `for (const m of ${JSON.stringify(modules)}) require(m); setTimeout(() => process.stdout.write(String(process.memoryUsage().rss)), 300)`], {
        cwd: findWorkspaceRoot(),
        encoding: 'utf8',
      }),
    ) / MiB;
  const empty = rssAfter([]);
  const packages = ['express', '@sentry/node-core/light', 'prom-client', 'zod', 'pg', 'pino', '@sentry/node'];
  const parts = packages.map((name) => `${name} +${(rssAfter([name]) - empty).toFixed(0)}`);
  return `node ${empty.toFixed(0)}, ${parts.join(', ')} (@sentry/node is loaded only with tracing on; packages share dependencies, so the parts overlap)`;
}
