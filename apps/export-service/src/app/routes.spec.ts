import { platformVersion } from '@factsway/service-catalog';
import { serviceUnderTest } from '@factsway/service-testing';
import { serviceOptions } from './service-options';

describe('export-service', () => {
  const service = serviceUnderTest(serviceOptions);

  it('answers /health with its name and the platform version', async () => {
    const response = await fetch(`${service.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', service: 'export-service', version: platformVersion() });
  });

  it('is ready', async () => {
    const response = await fetch(`${service.url}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', service: 'export-service' });
  });
});
