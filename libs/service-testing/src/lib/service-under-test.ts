import { startTestDatabase, type TestDatabase } from '@factsway/database';
import type { CreateServiceOptions, RunningService } from '@factsway/shared-utils';
import { startTestService } from './start-test-service';

export interface ServiceUnderTestOptions<Name extends string = string, RequiresDatabase extends boolean | undefined = undefined>
  extends CreateServiceOptions<Name, RequiresDatabase> {
  /** Start a migrated test database first and pass it as DATABASE_URL. */
  database?: boolean;
}

/** Filled in by `beforeAll`; read it inside tests, not while the describe block is being collected. */
export interface ServiceUnderTest {
  readonly url: string;
  readonly databaseUrl: string;
}

/**
 * Registers the jest hooks of a spec that talks to one running service: `beforeAll` starts it
 * (after a migrated test database when `database` is set), `afterAll` stops both.
 */
export function serviceUnderTest<Name extends string, RequiresDatabase extends boolean | undefined = undefined>({
  database: withDatabase = false,
  ...options
}: ServiceUnderTestOptions<Name, RequiresDatabase>): ServiceUnderTest {
  let database: TestDatabase | undefined;
  let running: RunningService | undefined;

  beforeAll(async () => {
    database = withDatabase ? await startTestDatabase({ migrate: true }) : undefined;
    running = await startTestService({ ...options, env: { ...options.env, ...(database && { DATABASE_URL: database.url }) } });
  });

  afterAll(async () => {
    await running?.close();
    await database?.stop();
  });

  return {
    get url() {
      if (!running) throw new Error('the service starts in beforeAll: read url inside a test');
      return running.url;
    },
    get databaseUrl() {
      if (!database) throw new Error('no test database: pass database: true, and read databaseUrl inside a test');
      return database.url;
    },
  };
}
