import { freePort } from '@factsway/dev-support';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedServer, stopEmbeddedServer } from './embedded-server';
import { workerModules } from './worker/worker-process';
import { workerSource } from './worker/worker-source';

/**
 * initdb takes seconds on a busy machine, copying its result a fraction of that.
 * The first test server on this machine initialises a cluster once, into the temp
 * dir, keyed by the worker and binaries; every later test server starts from a copy.
 */
export async function initialisedDataDirTemplate(): Promise<string> {
  const key = createHash('sha256').update(workerSource).update(workerModules().embeddedPostgres).digest('hex');
  const template = join(tmpdir(), `factsway-pg-template-${key.slice(0, 16)}`);
  if (existsSync(join(template, 'data', 'PG_VERSION'))) return template;

  const building = mkdtempSync(`${template}.building-`);
  chmodSync(building, 0o755);
  try {
    const server = await startEmbeddedServer({ dataDir: join(building, 'data'), port: await freePort(), durable: false });
    await stopEmbeddedServer(server);
    try {
      renameSync(building, template);
    } catch {
      // Another process finished its template first; theirs is as good as ours.
    }
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return template;
}

/** Copies the template cluster to `dataDir`, keeping owner and 0700 mode (postgres checks both). */
export async function copyTemplateDataDir(dataDir: string): Promise<void> {
  const template = await initialisedDataDirTemplate();
  execFileSync('cp', ['-a', join(template, 'data'), dataDir]);
}
