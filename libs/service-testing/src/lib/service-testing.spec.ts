import { platformVersion } from '@factsway/service-catalog';
import { badRequest } from '@factsway/shared-utils';
import { closedPortUrl } from './closed-port-url';
import { expectError } from './expect-error';
import { postJson, readJson, sendJson } from './json-requests';
import { serviceUnderTest } from './service-under-test';
import { tablesFound } from './tables-found';
import { authHeader, testIssuer, TEST_TENANT } from './test-issuer';

describe('serviceUnderTest with a database', () => {
  const service = serviceUnderTest({
    name: 'export',
    routes(router) {
      router.post('/api/echo', (req, res) => {
        const body = (req.body ?? {}) as { ok?: boolean };
        if (!body.ok) throw badRequest('ok must be true');
        res.status(201).json(body);
      });
    },
    requiresDatabase: false,
    database: true,
  });

  it('serves on 127.0.0.1 at the platform version, silently', async () => {
    expect(service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await readJson(await fetch(`${service.url}/health`))).toMatchObject({ service: 'export-service', version: platformVersion() });
  });

  it('gives a migrated database: tables found by name, null where there is none', async () => {
    expect(await tablesFound(service.databaseUrl, ['cases', 'no_such_table'])).toEqual(['cases', null]);
  });

  it('postJson returns a 201 answer and throws with the answer otherwise', async () => {
    expect(await postJson(`${service.url}/api/echo`, { ok: true })).toEqual({ ok: true });
    await expect(postJson(`${service.url}/api/echo`, { ok: false })).rejects.toThrow(/answered 400: .*ok must be true/);
  });

  it('sendJson sends a string as it is and no body when there is none; expectError checks the error body', async () => {
    expect(await expectError(await sendJson(`${service.url}/api/echo`, 'POST', '{"ok":'), 400, 'malformed_json')).toEqual(expect.any(String));
    expect(await expectError(await sendJson(`${service.url}/api/echo`, 'POST'), 400, 'bad_request')).toBe('ok must be true');
    await expect(expectError(await sendJson(`${service.url}/api/echo`, 'POST', { ok: false }), 400, 'not_found')).rejects.toThrow();
  });
});

describe('serviceUnderTest trusts the test issuer', () => {
  const service = serviceUnderTest({
    name: 'export',
    routes(router) {
      router.get('/api/whoami', (req, res) => res.json({ tenant: req.caller?.tenant }));
    },
  });

  it('answers a request without a token with 401, and one with a token of the test issuer with its tenant', async () => {
    expect((await fetch(`${service.url}/api/whoami`)).status).toBe(401);
    expect(await readJson(await sendJson(`${service.url}/api/whoami`, 'GET'))).toEqual({ tenant: TEST_TENANT });
    expect(await readJson(await sendJson(`${service.url}/api/whoami`, 'GET', undefined, await authHeader('firm-b')))).toEqual({ tenant: 'firm-b' });
    expect((await sendJson(`${service.url}/api/whoami`, 'GET', undefined, {})).status).toBe(401);
  });

  it('mints tokens the service verifies against the issuer key set, and refuses a token of another audience', async () => {
    const issuer = await testIssuer();
    const token = await issuer.mint({ tenant: 'firm-a', audience: 'https://elsewhere.example' });
    expect((await fetch(`${service.url}/api/whoami`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });
});

describe('serviceUnderTest without a database', () => {
  const service = serviceUnderTest({ name: 'export', routes: () => undefined });

  it('says so when a test reads databaseUrl', () => {
    expect(() => service.databaseUrl).toThrow(/no test database/);
  });
});

describe('closedPortUrl', () => {
  it('is an address where nothing listens', async () => {
    const url = await closedPortUrl();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(fetch(url)).rejects.toThrow();
  });
});
