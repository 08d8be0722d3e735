import { runMigrations } from '@factsway/database';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlatformComponent } from '../platform-component';

/** Applies pending migrations (apps/migrations/migrations) before any service starts. */
export const migrationsComponent: PlatformComponent = {
  name: 'migrations',
  async start(context) {
    if (!context.databaseUrl) throw new Error('the postgres component must start first');
    const logFile = join(context.logsDir, 'migrations.log');
    const run = await runMigrations(context.databaseUrl, 'up', {
      log: (line) => appendFileSync(logFile, `${line}\n`),
    });
    const status = run.migrations.length === 0 ? 'up to date' : `applied ${run.migrations.length}`;
    return {
      endpoints: [{ name: 'migrations', url: '-', status }],
      pids: () => [],
      stop: async () => undefined,
    };
  },
};
