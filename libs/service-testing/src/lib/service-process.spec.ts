import { join } from 'node:path';
import { builtServiceBundle, startBuiltService, startServiceProcess } from './service-process';

const fixture = join(__dirname, '..', 'testing', 'fixtures', 'minimal-service.cjs');

describe('startServiceProcess', () => {
  it('runs the file on a free port of 127.0.0.1 with only the env it is given, and stops it with SIGTERM', async () => {
    process.env['DATABASE_URL'] = 'postgres://from-the-test-process';
    const service = await startServiceProcess(fixture, { DEPLOYMENT_ENV: 'staging' });
    delete process.env['DATABASE_URL'];
    try {
      expect(service.url).toBe(`http://127.0.0.1:${service.port}`);
      expect(await (await fetch(`${service.url}/health`)).json()).toEqual({ path: '/health', deploymentEnv: 'staging', databaseUrl: null });
      expect(service.output()).toContain(`listening on ${service.port}`);
    } finally {
      expect(await service.stop()).toBe(0);
    }
    expect(await service.stop()).toBe(0);
  });

  it('fails with the exit code and the output when the process ends before answering', async () => {
    await expect(startServiceProcess(fixture, { EXIT_AT_START: '1' })).rejects.toThrow(/exited \(3\) before answering \/health:\s+refusing to start/);
  });
});

describe('startBuiltService', () => {
  it('runs dist/apps/<name>-service/main.js, and says how to build it when it is missing', async () => {
    expect(builtServiceBundle('records', '/repo')).toBe('/repo/dist/apps/records-service/main.js');
    await expect(startBuiltService('no-such')).rejects.toThrow(/no-such-service\/main\.js is missing: run npx nx build no-such-service/);
  });
});
