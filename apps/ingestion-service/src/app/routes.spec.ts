import { createService, type RunningService } from '@factsway/shared-utils';
import { platformVersion } from '@factsway/service-catalog';
import { startTestDatabase, type TestDatabase } from '@factsway/database';
import { Client } from 'pg';
import { serviceOptions } from './service-options';

describe('ingestion-service', () => {
  let database: TestDatabase;
  let running: RunningService;

  beforeAll(async () => {
    database = await startTestDatabase({ migrate: true });
    running = await createService({
      ...serviceOptions,
      env: {
        APP_VERSION: platformVersion(),
        LOG_LEVEL: 'silent',
        DATABASE_URL: database.url,
      },
    }).listen(0);
  });

  afterAll(async () => {
    await running?.close();
    await database?.stop();
  });

  it('answers /health with its name and the platform version', async () => {
    const response = await fetch(`${running.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', service: 'ingestion-service', version: platformVersion() });
  });

  it('is ready once its database answers', async () => {
    const response = await fetch(`${running.url}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', service: 'ingestion-service' });
  });

  it('finds the tables it owns after the migrations ran', async () => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ table: string | null }>(
        'SELECT to_regclass(name)::text AS table FROM unnest($1::text[]) AS name',
        [['ingestion_jobs']],
      );
      expect(rows.map((r) => r.table)).toEqual(['ingestion_jobs']);
    } finally {
      await client.end();
    }
  });
});
