import { platformVersion } from '@factsway/service-catalog';
import { serviceUnderTest, tablesFound } from '@factsway/service-testing';
import { registerRoutes } from './routes';

describe('facts-service', () => {
  const service = serviceUnderTest({
    name: 'facts',
    routes: registerRoutes,
    database: true,
    // Not called by these tests: an address where nothing listens.
    env: { RECORDS_SERVICE_URL: 'http://127.0.0.1:9' },
  });

  it('answers /health with its name and the platform version', async () => {
    const response = await fetch(`${service.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', service: 'facts-service', version: platformVersion() });
  });

  it('is ready once its database answers', async () => {
    const response = await fetch(`${service.url}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', service: 'facts-service' });
  });

  it('finds the tables it owns after the migrations ran', async () => {
    expect(await tablesFound(service.databaseUrl, ['sentences', 'facts'])).toEqual(['sentences', 'facts']);
  });
});
