import { defaultMigrationsDir } from '@factsway/dev-support';
import { MigrationError } from './migration-error';
import { startWorker } from './worker/worker-process';

export type MigrationDirection = 'up' | 'down';

export interface RunMigrationsOptions {
  /** Folder of migration files. Default: `apps/migrations/migrations`. */
  dir?: string;
  /** How many to apply (up, default all) or revert (down, default 1). */
  count?: number;
  /** Receives progress lines (`applied <name>`, warnings, errors). */
  log?: (line: string) => void;
  /** Also log node-pg-migrate's own progress lines. */
  verbose?: boolean;
}

export interface MigrationRun {
  direction: MigrationDirection;
  /** Names of the migrations applied (up) or reverted (down), in order. */
  migrations: string[];
}

/** Table where node-pg-migrate records what has run. */
export const migrationsTable = 'pgmigrations';

/**
 * node-pg-migrate's runner, one migration per transaction, behind PostgreSQL's advisory
 * lock (concurrent runs wait, then see what the other applied). A failure rolls back
 * that migration and rejects with a `MigrationError` naming its file.
 */
export async function runMigrations(
  url: string,
  direction: MigrationDirection,
  options: RunMigrationsOptions = {},
): Promise<MigrationRun> {
  if (options.count !== undefined && !(Number.isInteger(options.count) && options.count > 0)) {
    throw new RangeError(`count must be a positive integer, got ${options.count}`);
  }
  const worker = startWorker(
    {
      mode: 'migrate',
      url,
      direction,
      dir: options.dir ?? defaultMigrationsDir(),
      count: options.count,
      migrationsTable,
      verbose: options.verbose ?? false,
    },
    { log: options.log ?? (() => undefined) },
  );
  const reply = await worker.reply;
  await worker.exited;
  if (!reply.ok) throw new MigrationError(reply.message ?? 'unknown error', reply.file, reply.done ?? []);
  return { direction, migrations: reply.done ?? [] };
}
