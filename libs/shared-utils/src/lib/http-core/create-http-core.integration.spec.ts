import pino from 'pino';
import { Counter, Registry } from 'prom-client';
import { HttpError } from '../errors/http-error';
import type { Readiness } from '../health/readiness';
import { createHttpCore } from './create-http-core';
import type { RunningService } from './listen-http-core';

describe('the HTTP core, without the service catalog', () => {
  let running: RunningService;
  let readiness: Readiness = { ready: true, details: { bucket: 'updates' } };
  const registry = new Registry();
  const served = new Counter({ name: 'things_served_total', help: 'things', registers: [registry] });

  beforeAll(async () => {
    const core = createHttpCore({
      serviceId: 'update-origin',
      version: '1.2.3',
      logger: pino({ level: 'silent' }),
      registry,
      readiness: async () => readiness,
      jsonBody: false,
      routes(router) {
        router.all('/thing', (req, res) => {
          if (req.method !== 'GET') throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed`);
          served.inc();
          res.json({ body: req.body ?? null });
        });
      },
    });
    running = await core.listen(0, '127.0.0.1');
  });
  afterAll(() => running.close());

  it('answers /health with its name and version, and echoes a safe request id', async () => {
    const res = await fetch(`${running.url}/health`, { headers: { 'x-request-id': 'abc-1' } });
    expect(res.headers.get('x-request-id')).toBe('abc-1');
    expect(await res.json()).toMatchObject({ status: 'ok', service: 'update-origin', version: '1.2.3' });
  });

  it('answers /ready from its own readiness check: the details when ready, a 503 error body when not', async () => {
    expect(await (await fetch(`${running.url}/ready`)).json()).toEqual({ status: 'ready', bucket: 'updates' });
    readiness = { ready: false, code: 'bucket_unavailable', message: 'bucket updates is not reachable' };
    const res = await fetch(`${running.url}/ready`, { headers: { 'x-request-id': 'r-2' } });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { code: 'bucket_unavailable', message: 'bucket updates is not reachable', requestId: 'r-2' } });
    readiness = { ready: true, details: { bucket: 'updates' } };
  });

  it('serves its own registry at /metrics', async () => {
    await fetch(`${running.url}/thing`);
    expect(await (await fetch(`${running.url}/metrics`)).text()).toMatch(/things_served_total [1-9]/);
  });

  it('renders thrown errors and unknown paths as the uniform error body', async () => {
    const refused = await fetch(`${running.url}/thing`, { method: 'PUT', body: 'not json', headers: { 'content-type': 'text/plain' } });
    expect(refused.status).toBe(405);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('method_not_allowed');
    const missing = await fetch(`${running.url}/nothing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: 'No route for GET /nothing', requestId: expect.any(String) } });
  });
});
