import { ensureLocalDatabase, stopLocalDatabase } from '@factsway/database';
import { join, relative } from 'node:path';
import { PlatformComponent } from '../platform-component';

/** The embedded PostgreSQL server; its data persists under `<dataDir>/postgres`. */
export const postgresComponent: PlatformComponent = {
  name: 'postgres',
  async start(context) {
    const directory = join(context.dataDir, 'postgres');
    const database = await ensureLocalDatabase({ directory, port: context.ports.postgres });
    context.databaseUrl = database.url;
    const where = relative(context.workspaceRoot, directory) || directory;
    return {
      endpoints: [
        {
          name: 'postgres',
          url: database.url.replace(/:[^:@/]+@/, ':***@'),
          status: database.reused ? `ready (already running; data ${where})` : `ready (data ${where})`,
        },
      ],
      pids: () => [],
      stop: async () => {
        // stopLocalDatabase polls with unref'd timers: without another handle Node would exit mid-stop.
        const keepAlive = setInterval(() => undefined, 1_000);
        try {
          await stopLocalDatabase({ directory });
        } finally {
          clearInterval(keepAlive);
        }
      },
    };
  },
};
