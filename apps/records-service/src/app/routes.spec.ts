import { platformVersion } from '@factsway/service-catalog';
import { serviceUnderTest, tablesFound } from '@factsway/service-testing';
import { registerRoutes } from './routes';

describe('records-service', () => {
  const service = serviceUnderTest({
    name: 'records',
    routes: registerRoutes,
    database: true,
  });

  it('answers /health with its name and the platform version', async () => {
    const response = await fetch(`${service.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', service: 'records-service', version: platformVersion() });
  });

  it('is ready once its database answers', async () => {
    const response = await fetch(`${service.url}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', service: 'records-service' });
  });

  it('finds the tables it owns after the migrations ran', async () => {
    expect(await tablesFound(service.databaseUrl, ['templates', 'cases', 'drafts', 'draft_versions'])).toEqual(['templates', 'cases', 'drafts', 'draft_versions']);
  });
});
