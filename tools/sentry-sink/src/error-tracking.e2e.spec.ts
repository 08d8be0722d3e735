import { platformVersion } from '@factsway/service-catalog';
import { authHeader, authorizedFetch, startServiceProcess, type ServiceProcess } from '@factsway/service-testing';
import { readFileSync } from 'node:fs';
import { errorEvents, rawEnvelope, readSinkEnvelopes, type SinkEnvelope } from './read-sink-envelopes';
import { startSentrySink, type SentrySink } from './start-sentry-sink';
import { bundleFixtureService } from './testing/bundle-fixture-service';

// A real service process with the real @sentry/node SDK, reporting over HTTP to the real local
// sink (Spotlight), read back through the sink's own event stream.

const SECRETS = {
  /** A real token of the test firm (set in beforeAll): the route runs only behind authentication. */
  bearer: '',
  cookie: 'secret-cookie-1b2d4e',
  apiKey: 'secret-apikey-5c6d7e',
  password: 'secret-password-8e9f0a',
  queryToken: 'secret-querytoken-2a3b4c',
};

const version = platformVersion();
let sink: SentrySink;
let service: ServiceProcess;
const bundle = bundleFixtureService(version);

beforeAll(async () => {
  SECRETS.bearer = (await authHeader())['authorization']!.slice('Bearer '.length);
  sink = await startSentrySink({ stderr: 'ignore' });
  service = await startServiceProcess(bundle.file, { SENTRY_DSN: sink.dsn, DEPLOYMENT_ENV: 'staging' });
});

afterAll(async () => {
  await service?.stop();
  await sink?.close();
});

/** A POST with a valid token of the test firm unless `headers` has its own authorization. */
async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const response = await authorizedFetch(`${service.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, requestId: response.headers.get('x-request-id') ?? '', text: await response.text() };
}

function requestIdOf(event: Record<string, unknown>): unknown {
  return (event['tags'] as Record<string, unknown> | undefined)?.['request_id'];
}

async function eventsFor(requestIds: string[]): Promise<{ envelopes: SinkEnvelope[]; events: Record<string, unknown>[] }> {
  const envelopes = await readSinkEnvelopes(sink.url, {
    timeoutMs: 20_000,
    until: (received) => requestIds.every((id) => errorEvents(received).some((e) => requestIdOf(e) === id)),
  });
  return { envelopes, events: errorEvents(envelopes) };
}

describe('error tracking end to end', () => {
  it('listens on loopback only', () => {
    expect(sink.address).toBe('127.0.0.1');
    const listening = readFileSync('/proc/net/tcp', 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[3] === '0A' && parseInt(cols[1]?.split(':')[1] ?? '', 16) === sink.port)
      .map((cols) => cols[1]?.split(':')[0]);
    expect(listening).toEqual(['0100007F']);
  });

  it('reports a 5xx once, with service, release, environment, request id and a TypeScript stack, and no secret', async () => {
    const failing = await post(
      `/api/explode?token=${SECRETS.queryToken}&page=2`,
      JSON.stringify({ caseTitle: 'Smith v. Jones', password: SECRETS.password }),
      { authorization: `Bearer ${SECRETS.bearer}`, cookie: `sid=${SECRETS.cookie}`, 'x-api-key': SECRETS.apiKey },
    );
    expect(failing.status).toBe(500);
    expect(failing.text).not.toContain('formatting exploded');
    expect(failing.text).not.toContain('.ts');

    const { envelopes, events } = await eventsFor([failing.requestId]);
    const matching = events.filter((e) => requestIdOf(e) === failing.requestId);
    expect(matching).toHaveLength(1);
    const event = matching[0] as Record<string, any>;
    expect(event['server_name']).toBe('export-service');
    expect(event['tags']['service']).toBe('export-service');
    expect(event['release']).toBe(version);
    expect(event['environment']).toBe('staging');
    const exception = event['exception']['values'][0];
    expect(exception.value).toBe('formatting exploded');
    const files: string[] = exception.stacktrace.frames.map((f: { filename?: string }) => f.filename ?? '');
    expect(files.some((f) => f.endsWith('tools/sentry-sink/src/testing/failing-service-main.ts'))).toBe(true);
    expect(exception.stacktrace.frames.some((f: { function?: string }) => f.function === 'explodeWhileFormatting')).toBe(true);

    const envelope = envelopes.find((e) => errorEvents([e]).some((ev) => requestIdOf(ev) === failing.requestId));
    const raw = await rawEnvelope(sink.url, envelope!.id);
    expect(raw).toContain(failing.requestId);
    for (const secret of Object.values(SECRETS)) expect(raw).not.toContain(secret);
  });

  it('tags each of two concurrent failures with its own request id', async () => {
    const [first, second] = await Promise.all([post('/api/explode', '{}'), post('/api/explode', '{}')]);
    expect(first.requestId).not.toBe(second.requestId);
    const { events } = await eventsFor([first.requestId, second.requestId]);
    expect(events.filter((e) => requestIdOf(e) === first.requestId)).toHaveLength(1);
    expect(events.filter((e) => requestIdOf(e) === second.requestId)).toHaveLength(1);
  });

  it('keeps each request in its own scope: breadcrumbs and request data of one request never reach the event of another', async () => {
    const [first, second] = await Promise.all([
      post('/api/explode-after-breadcrumb/first-marker', '{}'),
      post('/api/explode-after-breadcrumb/second-marker', '{}'),
    ]);
    const { events } = await eventsFor([first.requestId, second.requestId]);
    for (const [response, own, other] of [
      [first, 'first-marker', 'second-marker'],
      [second, 'second-marker', 'first-marker'],
    ] as const) {
      const event = events.find((e) => requestIdOf(e) === response.requestId) as Record<string, any>;
      const crumbs = JSON.stringify(event['breadcrumbs'] ?? []);
      expect(crumbs).toContain(`handling ${own}`);
      expect(crumbs).not.toContain(other);
      expect(event['request']['method']).toBe('POST');
      expect(event['request']['url']).toContain(`/api/explode-after-breadcrumb/${own}`);
    }
  });

  it('reports no 4xx: validation, a thrown ZodError, malformed JSON, unknown route', async () => {
    const clientErrors = [
      await post('/api/validate', JSON.stringify({ title: 42 })),
      await post('/api/zod-throws', JSON.stringify({ count: 'many' })),
      await post('/api/validate', '{"title": '),
      await post('/api/no-such-route', '{}'),
    ];
    expect(clientErrors.map((r) => r.status)).toEqual([400, 400, 400, 404]);
    // A 5xx sent after them: once its event is in, anything the 4xx would have sent is too.
    const marker = await post('/api/explode', '{}');
    const { events } = await eventsFor([marker.requestId]);
    const reported = new Set(events.map(requestIdOf));
    for (const clientError of clientErrors) expect(reported.has(clientError.requestId)).toBe(false);
    expect(events.filter((e) => requestIdOf(e) === marker.requestId)).toHaveLength(1);
  });
});

describe('error tracking during a graceful shutdown', () => {
  it('sends the report of a request that failed while the service was draining before the process exits', async () => {
    const stopping = await startServiceProcess(bundle.file, { SENTRY_DSN: sink.dsn, DEPLOYMENT_ENV: 'staging' });
    try {
      const exited = new Promise<number | null>((resolve) => stopping.child.once('exit', (code) => resolve(code)));
      const token = await authHeader();
      const inFlight = fetch(`${stopping.url}/api/explode-later`, { method: 'POST', headers: { 'content-type': 'application/json', ...token }, body: '{}' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      stopping.child.kill('SIGTERM');
      const response = await inFlight;
      expect(response.status).toBe(500);
      const requestId = response.headers.get('x-request-id') ?? '';
      expect(await exited).toBe(0);
      const { events } = await eventsFor([requestId]);
      expect(events.filter((event) => requestIdOf(event) === requestId)).toHaveLength(1);
    } finally {
      await stopping.stop();
    }
  });
});

describe('error tracking without a DSN', () => {
  it('starts the service and logs exactly one warning', async () => {
    const plain = await startServiceProcess(bundle.file, {});
    try {
      const health = await fetch(`${plain.url}/health`);
      expect(health.status).toBe(200);
      const warnings = plain.output().split('\n').filter((line) => line.includes('SENTRY_DSN'));
      expect(warnings).toHaveLength(1);
      expect(JSON.parse(warnings[0]!)).toMatchObject({ level: 'warn', service: 'export-service' });
    } finally {
      await plain.stop();
    }
  });
});
