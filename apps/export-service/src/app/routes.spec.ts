import { createService, type RunningService } from '@factsway/shared-utils';
import { platformVersion } from '@factsway/service-catalog';
import { serviceOptions } from './service-options';

describe('export-service', () => {
  let running: RunningService;

  beforeAll(async () => {
    running = await createService({
      ...serviceOptions,
      env: {
        APP_VERSION: platformVersion(),
        LOG_LEVEL: 'silent',
      },
    }).listen(0);
  });

  afterAll(async () => {
    await running?.close();
  });

  it('answers /health with its name and the platform version', async () => {
    const response = await fetch(`${running.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', service: 'export-service', version: platformVersion() });
  });

  it('is ready', async () => {
    const response = await fetch(`${running.url}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', service: 'export-service' });
  });
});
