import { authEnv, specIssuer } from '../../testing/test-auth';
import { createService, type RunningService } from '../service/create-service';
import type { ErrorBody } from '../errors/error-body';

describe('every /api route needs a bearer token; health, readiness and metrics do not', () => {
  let running: RunningService;
  const writes: string[] = [];

  beforeAll(async () => {
    running = await createService({
      name: 'export',
      env: { APP_VERSION: '1.0.0', LOG_LEVEL: 'silent', ...(await authEnv()) },
      routes(router) {
        router.get('/api/whoami', (req, res) => res.json(req.caller && { subject: req.caller.subject, tenant: req.caller.tenant }));
        router.post('/api/things', (req, res) => {
          writes.push(JSON.stringify(req.body));
          res.status(201).json({});
        });
      },
    }).listen(0);
  });
  afterAll(() => running.close());

  const call = (path: string, init: RequestInit = {}) => fetch(`${running.url}${path}`, init);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it.each(['/health', '/ready', '/metrics'])('%s answers without a token', async (path) => {
    expect((await call(path)).status).toBe(200);
  });

  it('no token: 401 with a Bearer challenge without an error code, in the uniform error body', async () => {
    const response = await call('/api/whoami');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="factsway"');
    expect(((await response.json()) as ErrorBody).error).toMatchObject({ code: 'unauthorized' });
  });

  it('an unknown /api path is a 401 too, so routes cannot be probed without a token', async () => {
    expect((await call('/api/nothing-here')).status).toBe(401);
  });

  it('a header that is not "Bearer <token>": 401 invalid_request', async () => {
    const response = await call('/api/whoami', { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_request"');
  });

  it('an expired token: 401 invalid_token', async () => {
    const token = await (await specIssuer()).mint({ tenant: 'firm-a', expiresIn: -3600 });
    const response = await call('/api/whoami', { headers: bearer(token) });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="factsway", error="invalid_token", error_description="the token has expired"$/);
  });

  it('a valid token: the route sees the caller', async () => {
    const token = await (await specIssuer()).mint({ tenant: 'firm-b', subject: 'bob' });
    const response = await call('/api/whoami', { headers: bearer(token) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ subject: 'bob', tenant: 'firm-b' });
  });

  it('a read-only token may read but not write: 403 insufficient_scope, nothing written', async () => {
    const token = await (await specIssuer()).mint({ tenant: 'firm-a', scopes: ['api:read'] });
    expect((await call('/api/whoami', { headers: bearer(token) })).status).toBe(200);
    const response = await call('/api/things', {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    expect(response.headers.get('www-authenticate')).toContain('scope="api:write"');
    expect(writes).toEqual([]);
  });

  it('refuses to start without the issuer configuration', () => {
    expect(() => createService({ name: 'export', env: { APP_VERSION: '1.0.0' }, routes: () => undefined })).toThrow(
      /AUTH_ISSUER[\s\S]*AUTH_AUDIENCE[\s\S]*AUTH_JWKS_URL/,
    );
  });
});
