import { request as httpRequest } from 'node:http';
import { z } from 'zod';
import { LogCapture } from '../../testing/log-capture';
import { conflict } from '../errors/http-error';
import { idParam } from '../validation/common-schemas';
import { parseBody, parseParams } from '../validation/parse-request';
import { newId } from '../ids/new-id';
import { createService, type RunningService, type Service } from './create-service';
import type { ErrorBody } from '../errors/error-body';
import { authEnv, authorizedFetch, bearer } from '../../testing/test-auth';

/** Every request of this spec carries a valid token, unless it sets its own authorization. */
const fetch = authorizedFetch;

async function errorOf(response: Response): Promise<ErrorBody['error']> {
  return ((await response.json()) as ErrorBody).error;
}

// export has no tables and no peers: it gets no pool, even with DATABASE_URL set (nothing listens there).
const env = { APP_VERSION: '1.2.3', LOG_LEVEL: 'info', DATABASE_URL: 'postgres://u:p@127.0.0.1:9/none' };

async function rawRequest(
  url: string,
  options: { method: string; path: string; headers?: Record<string, string | number>; body?: string | Buffer },
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const headers = { ...(await bearer()), ...options.headers };
  return new Promise((resolve, reject) => {
    const req = httpRequest(url + options.path, { method: options.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('createService over real HTTP', () => {
  let running: RunningService;
  const logs = new LogCapture();
  const reported: unknown[] = [];

  let service: Service;

  beforeAll(async () => {
    service = createService({
      name: 'export',
      env: { ...env, ...(await authEnv()) },
      logDestination: logs,
      acceptContentTypes: ['multipart/form-data'],
      errorReporting(app) {
        app.use((error: unknown, _req: unknown, _res: unknown, next: (e: unknown) => void) => {
          reported.push(error);
          next(error);
        });
      },
      routes(router, { logger }) {
        router.post('/api/upload', (req, res) => {
          // The route reads an accepted non-JSON body itself.
          let size = 0;
          req.on('data', (chunk: Buffer) => (size += chunk.length));
          req.on('end', () => res.json({ size, parsed: req.body !== undefined }));
        });
        router.post('/api/items/:id/touch', (req, res) => {
          logger.info({ touched: req.params['id'] }, 'item touched');
          res.json({ body: req.body ?? null });
        });
        router.get('/api/hang', () => undefined);
        router.get('/api/items/:id', (req, res) => {
          const { id } = parseParams(idParam, req);
          res.json({ id });
        });
        router.post('/api/items', (req, res) => {
          const body = parseBody(z.object({ title: z.string().min(1) }), req);
          res.status(201).json({ id: newId(), ...body });
        });
        router.post('/api/items/:id/lock', () => {
          throw conflict('Item is locked by another draft');
        });
        router.get('/api/boom', () => {
          throw new Error('secret internal detail');
        });
      },
    });
    running = await service.listen(0);
  });

  afterAll(async () => {
    await running?.close();
  });

  it('answers /health with service, version and uptime', async () => {
    const response = await fetch(`${running.url}/health`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({ status: 'ok', service: 'export-service', version: '1.2.3', uptime: expect.any(Number) });
  });

  it('keeps idle connections longer than the proxies in front do', () => {
    expect(running.server.keepAliveTimeout).toBeGreaterThan(60_000);
    expect(running.server.headersTimeout).toBeGreaterThan(running.server.keepAliveTimeout);
  });

  it('is always ready when the service owns no tables', async () => {
    const response = await fetch(`${running.url}/ready`);
    expect(response.status).toBe(200);
    expect(service.context.db).toBeUndefined();
  });

  it('creates a request id, or echoes a valid incoming one, in the response header and the log line', async () => {
    const created = await fetch(`${running.url}/health`);
    expect(created.headers.get('x-request-id')).toMatch(/^[0-9A-Z]{26}$/);

    const echoed = await fetch(`${running.url}/api/items/${newId()}`, { headers: { 'x-request-id': 'trace-abc.123' } });
    expect(echoed.headers.get('x-request-id')).toBe('trace-abc.123');
    const line = logs.lines.find((l) => l['requestId'] === 'trace-abc.123' && l['msg'] === 'request completed');
    expect(line).toMatchObject({ method: 'GET', route: '/api/items/:id', status: 200, service: 'export-service', version: '1.2.3' });

    const unsafe = await fetch(`${running.url}/health`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9A-Z]{26}$/);
  });

  it('validates input with a 400 naming the field', async () => {
    const response = await fetch(`${running.url}/api/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: '' }),
    });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toContain('body.title');
    expect(error.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('rejects malformed JSON with 400', async () => {
    const response = await rawRequest(running.url, {
      method: 'POST',
      path: '/api/items',
      headers: { 'content-type': 'application/json' },
      body: '{"title": ',
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error.code).toBe('malformed_json');
  });

  it('rejects a body over the limit with 413', async () => {
    const big = JSON.stringify({ title: 'x'.repeat(1024 * 1024 + 10) });
    const response = await rawRequest(running.url, {
      method: 'POST',
      path: '/api/items',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(big) },
      body: big,
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).error.code).toBe('payload_too_large');
  });

  it('rejects a non-JSON body with 415', async () => {
    const response = await rawRequest(running.url, {
      method: 'POST',
      path: '/api/items',
      headers: { 'content-type': 'text/plain' },
      body: 'title=x',
    });
    expect(response.status).toBe(415);
    expect(JSON.parse(response.body).error.code).toBe('unsupported_media_type');
  });

  it('answers unknown routes with 404 in the uniform shape', async () => {
    const response = await fetch(`${running.url}/nope/${newId()}`);
    expect(response.status).toBe(404);
    const body = await response.json();
    expect(body).toEqual({ error: { code: 'not_found', message: expect.stringContaining('/nope/'), requestId: expect.any(String) } });
  });

  it('renders thrown HttpErrors with their status', async () => {
    const response = await fetch(`${running.url}/api/items/${newId()}/lock`, { method: 'POST' });
    expect(response.status).toBe(409);
    expect(await errorOf(response)).toMatchObject({ code: 'conflict', message: 'Item is locked by another draft' });
  });

  it('answers a real fault with 500 and no stack or internal message, and logs the stack', async () => {
    const response = await fetch(`${running.url}/api/boom`);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal_error', message: 'Internal server error', requestId: expect.any(String) } });
    expect(text).not.toContain('secret internal detail');
    expect(text).not.toMatch(/at .*\.ts:\d+/);
    const logged = logs.lines.find((l) => (l['err'] as { stack?: string } | undefined)?.stack?.includes('secret internal detail'));
    expect(logged).toBeDefined();
  });

  it('serves Prometheus text with route templates, service and version labels', async () => {
    const response = await fetch(`${running.url}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/api\/items\/:id",status="200",service="export-service",version="1.2.3"\} \d+/);
    expect(text).toContain('route="unmatched"');
    // export's latency SLO is 2.5 s: a bucket edge sits exactly there.
    expect(text).toMatch(/http_request_duration_seconds_bucket\{le="2.5",/);
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('puts the request id on log lines the route writes through the context logger', async () => {
    const id = newId();
    const response = await fetch(`${running.url}/api/items/${id}/touch`, { method: 'POST', headers: { 'x-request-id': 'touch-1' } });
    expect(await response.json()).toEqual({ body: null });
    expect(logs.lines.find((l) => l['msg'] === 'item touched')).toMatchObject({ touched: id, requestId: 'touch-1' });
  });

  it('parses application/*+json and lets accepted non-JSON types through unparsed', async () => {
    const json = await fetch(`${running.url}/api/items/${newId()}/touch`, {
      method: 'POST',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ a: 1 }),
    });
    expect(await json.json()).toEqual({ body: { a: 1 } });
    const upload = await rawRequest(running.url, {
      method: 'POST',
      path: '/api/upload',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: Buffer.alloc(2048, 1),
    });
    expect(upload.status).toBe(200);
    expect(JSON.parse(upload.body)).toEqual({ size: 2048, parsed: false });
  });

  it('hands every error to the error-reporting hook before rendering it', async () => {
    reported.length = 0;
    await fetch(`${running.url}/api/boom`);
    await fetch(`${running.url}/nope`);
    expect(reported).toHaveLength(2);
    expect((reported[0] as Error).message).toBe('secret internal detail');
    expect(reported[1]).toMatchObject({ status: 404 });
  });

  it('counts a request the client abandoned as status 499', async () => {
    const headers = await bearer();
    await new Promise<void>((resolve) => {
      const req = httpRequest(`${running.url}/api/hang`, { headers });
      req.on('error', () => resolve());
      req.end();
      setTimeout(() => req.destroy(), 200);
    });
    let text = '';
    for (let attempt = 0; attempt < 50 && !text.includes('route="/api/hang",status="499"'); attempt += 1) {
      text = await (await fetch(`${running.url}/metrics`)).text();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(text).toContain('http_requests_total{method="GET",route="/api/hang",status="499"');
  });

  it('answers a malformed percent-escape in a route parameter with 400, not 500', async () => {
    const response = await rawRequest(running.url, { method: 'GET', path: '/api/items/%E0%A4%A' });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error.code).toBe('bad_request');
  });
});
