import { platformVersion } from '@factsway/service-catalog';
import { serviceUnderTest, tablesFound } from '@factsway/service-testing';
import { serviceOptions } from './service-options';

describe('ingestion-service', () => {
  const service = serviceUnderTest({
    ...serviceOptions,
    database: true,
  });

  it('answers /health with its name and the platform version', async () => {
    const response = await fetch(`${service.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', service: 'ingestion-service', version: platformVersion() });
  });

  it('is ready once its database answers', async () => {
    const response = await fetch(`${service.url}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', service: 'ingestion-service' });
  });

  it('finds the tables it owns after the migrations ran', async () => {
    expect(await tablesFound(service.databaseUrl, ['ingestion_jobs'])).toEqual(['ingestion_jobs']);
  });
});
