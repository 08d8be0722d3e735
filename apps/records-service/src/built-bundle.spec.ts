import { startTestDatabase, type TestDatabase } from '@factsway/database';
import { platformVersion } from '@factsway/service-catalog';
import { authorizedFetch, startBuiltService, type ServiceProcess } from '@factsway/service-testing';

/** Every request carries a valid token of the test firm unless it sets its own authorization. */
const fetch = authorizedFetch;

// The test target depends on `build`, so `nx test records-service` builds the bundle first.
describe('the built bundle (dist/apps/records-service/main.js)', () => {
  let database: TestDatabase;
  let records: ServiceProcess | undefined;

  beforeAll(async () => {
    database = await startTestDatabase({ migrate: true });
  });
  afterAll(async () => {
    if (records && records.child.exitCode === null) records.child.kill('SIGKILL');
    await database?.stop();
  });

  it('serves /health with the platform version embedded at build time, /ready, /metrics and the API; SIGTERM exits 0', async () => {
    // Only DATABASE_URL (no APP_VERSION): the version must come from the bundle itself.
    records = await startBuiltService('records', { DATABASE_URL: database.url });
    const { url } = records;

    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', service: 'records-service', version: platformVersion() });
    expect((await fetch(`${url}/ready`)).status).toBe(200);

    const created = await fetch(`${url}/api/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Doe v. Roe' }),
    });
    expect(created.status).toBe(201);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/http_requests_total\{[^}]*route="\/api\/cases"[^}]*status="201"[^}]*\} 1/);
    expect(metrics).toContain(`version="${platformVersion()}"`);

    expect(await records.stop()).toBe(0);
  });
});
