import { defaultMigrationsDir } from '@factsway/dev-support';
import { createMigrationFile, MigrationError, migrationStatus, runMigrations } from '@factsway/database';
import { parseArgs } from 'node:util';
import { resolveDatabaseTarget } from './database-target';

const usage = `usage: migrations <up|down|status|create> [--count N] [--name NAME]
  up       apply pending migrations (all, or --count N)
  down     revert the last migration (or the last --count N)
  status   list applied and pending migrations
  create   write a new migration file: --name NAME
DATABASE_URL selects the database; without it the local embedded PostgreSQL is used.
MIGRATIONS_DIR overrides the migrations folder (default apps/migrations/migrations).`;

function positiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`${flag} must be a positive integer, got "${value}"`);
  return Number(value);
}

class UsageError extends Error {}

async function runCommand(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { count: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean' } },
  });
  const [command] = positionals;
  if (values.help || !command) {
    console.log(usage);
    return command || values.help ? 0 : 2;
  }
  const dir = defaultMigrationsDir();

  if (command === 'create') {
    if (!values.name) throw new UsageError('create needs --name NAME');
    console.log(`created ${createMigrationFile(values.name, dir)}`);
    return 0;
  }
  if (command !== 'up' && command !== 'down' && command !== 'status') throw new UsageError(`unknown command "${command}"`);

  const count = positiveInteger(values.count, '--count');
  const target = await resolveDatabaseTarget();
  console.log(`database: ${target.description}`);

  if (command === 'status') {
    const states = await migrationStatus(target.url, dir);
    for (const state of states) {
      const when = state.runOn ? `applied ${state.runOn.toISOString()}` : 'pending';
      console.log(`${when.padEnd(32)} ${state.name}${state.path ? '' : '  (file missing)'}`);
    }
    const pending = states.filter((s) => !s.runOn).length;
    console.log(`${states.length - pending} applied, ${pending} pending`);
    return 0;
  }

  const run = await runMigrations(target.url, command, { dir, count, log: (line) => console.log(line) });
  if (run.migrations.length === 0) {
    console.log(command === 'up' ? 'nothing to apply: the database is up to date' : 'nothing to revert');
  } else {
    console.log(`${command === 'up' ? 'applied' : 'reverted'} ${run.migrations.length} migration(s)`);
  }
  return 0;
}

/**
 * The migrations command line (`up|down|status|create`) on `argv` (without node and script):
 * resolves to the exit code, 0 on success, 2 for a usage error, 1 for a failed migration.
 * Errors are printed, never thrown.
 */
export async function runMigrationsCli(argv: string[]): Promise<number> {
  try {
    return await runCommand(argv);
  } catch (error: unknown) {
    if (error instanceof UsageError) console.error(`${error.message}\n${usage}`);
    else if (error instanceof MigrationError) {
      console.error(error.message);
      if (error.completed.length > 0) console.error(`completed before the failure: ${error.completed.join(', ')}`);
    } else console.error(error instanceof Error ? error.message : String(error));
    return error instanceof UsageError ? 2 : 1;
  }
}
