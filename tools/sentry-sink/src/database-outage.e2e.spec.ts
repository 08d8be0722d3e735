import { startTestDatabase, type TestDatabase } from '@factsway/database';
import { serviceId } from '@factsway/service-catalog';
import { authorizedFetch, closedPortUrl, startBuiltService, type ServiceProcess } from '@factsway/service-testing';
import { Client } from 'pg';
import { errorEvents, readSinkEnvelopes } from './read-sink-envelopes';
import { startSentrySink, type SentrySink } from './start-sentry-sink';
import { countAnswers, startTraffic, type TrafficRequest } from './testing/outage-traffic';

// A database outage seen from outside, on the built service bundles as they run in a pod (their
// own instrument.ts, the real @sentry/node SDK reporting to the real local sink) over the real
// embedded PostgreSQL, stopped (fast shutdown) while a client keeps sending reads and writes.
// docs/adr/013-database-outage-503.md says what must hold.

interface JsonAnswer {
  status: number;
  body: any;
}

/** A request with a valid token of the test firm, as a signed-in client sends it. */
async function call(url: string, method: string, path: string, body?: unknown): Promise<JsonAnswer> {
  const response = await authorizedFetch(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

interface OutageProfile {
  service: string;
  /** Peer URLs the service needs to start; the outage routes never call them. */
  peers: () => Promise<Record<string, string>>;
  /** The table the traffic's writes create rows in. */
  table: string;
  traffic: (sequence: number) => TrafficRequest;
  /** Calls every database route once after the outage; returns `METHOD path -> status` lines. */
  probeRoutes: (url: string) => Promise<string[]>;
  /** The lines `probeRoutes` must return. */
  expectedProbes: string[];
}

const exhibits: OutageProfile = {
  service: 'exhibits',
  peers: async () => ({ FACTS_SERVICE_URL: await closedPortUrl() }),
  table: 'evidence',
  traffic: (sequence) =>
    sequence % 3 === 0
      ? { kind: 'write', method: 'POST', path: '/api/evidence', body: { description: `Photograph ${sequence}` } }
      : { kind: 'read', method: 'GET', path: sequence % 3 === 1 ? '/api/evidence?limit=5' : '/api/exhibits?limit=5' },
  probeRoutes: async (url) => {
    const created = await call(url, 'POST', '/api/evidence', { description: 'After the outage' });
    const id = created.body.id as string;
    const label = created.body.label as string;
    return [
      `POST /api/evidence -> ${created.status}`,
      `GET /api/evidence/:id -> ${(await call(url, 'GET', `/api/evidence/${id}`)).status}`,
      `PATCH /api/evidence/:id -> ${(await call(url, 'PATCH', `/api/evidence/${id}`, { description: 'Changed' })).status}`,
      `GET /api/evidence -> ${(await call(url, 'GET', '/api/evidence')).status}`,
      `GET /api/exhibits -> ${(await call(url, 'GET', '/api/exhibits')).status}`,
      `GET /api/exhibits/:label -> ${(await call(url, 'GET', `/api/exhibits/${label}`)).status}`,
      `DELETE /api/evidence/:id/facts/:factId -> ${(await call(url, 'DELETE', `/api/evidence/${id}/facts/01JZZZZZZZZZZZZZZZZZZZZZZZ`)).status}`,
      `DELETE /api/evidence/:id -> ${(await call(url, 'DELETE', `/api/evidence/${id}`)).status}`,
      `GET /ready -> ${(await call(url, 'GET', '/ready')).status}`,
    ];
  },
  expectedProbes: [
    'POST /api/evidence -> 201',
    'GET /api/evidence/:id -> 200',
    'PATCH /api/evidence/:id -> 200',
    'GET /api/evidence -> 200',
    'GET /api/exhibits -> 200',
    'GET /api/exhibits/:label -> 200',
    // Reaches the database (the fact is not linked): a 404, not a 503.
    'DELETE /api/evidence/:id/facts/:factId -> 404',
    'DELETE /api/evidence/:id -> 204',
    'GET /ready -> 200',
  ],
};

const records: OutageProfile = {
  service: 'records',
  peers: async () => ({}),
  table: 'cases',
  traffic: (sequence) =>
    sequence % 3 === 0
      ? { kind: 'write', method: 'POST', path: '/api/cases', body: { title: `Doe v. Roe ${sequence}` } }
      : { kind: 'read', method: 'GET', path: sequence % 3 === 1 ? '/api/cases?limit=5' : '/api/drafts?limit=5' },
  probeRoutes: async (url) => {
    const created = await call(url, 'POST', '/api/cases', { title: 'After the outage' });
    const id = created.body.id as string;
    return [
      `POST /api/cases -> ${created.status}`,
      `GET /api/cases/:id -> ${(await call(url, 'GET', `/api/cases/${id}`)).status}`,
      `PATCH /api/cases/:id -> ${(await call(url, 'PATCH', `/api/cases/${id}`, { status: 'closed' })).status}`,
      `GET /api/cases -> ${(await call(url, 'GET', '/api/cases')).status}`,
      `GET /api/drafts -> ${(await call(url, 'GET', '/api/drafts')).status}`,
      `GET /api/drafts/case/:caseId -> ${(await call(url, 'GET', `/api/drafts/case/${id}`)).status}`,
      `GET /api/templates -> ${(await call(url, 'GET', '/api/templates')).status}`,
      `DELETE /api/cases/:id -> ${(await call(url, 'DELETE', `/api/cases/${id}`)).status}`,
      `GET /ready -> ${(await call(url, 'GET', '/ready')).status}`,
    ];
  },
  expectedProbes: [
    'POST /api/cases -> 201',
    'GET /api/cases/:id -> 200',
    'PATCH /api/cases/:id -> 200',
    'GET /api/cases -> 200',
    'GET /api/drafts -> 200',
    'GET /api/drafts/case/:caseId -> 200',
    'GET /api/templates -> 200',
    'DELETE /api/cases/:id -> 204',
    'GET /ready -> 200',
  ],
};

/** Answers before the outage, during it and after the restart. */
const REQUESTS_BEFORE = 30;
const REQUESTS_DURING = 60;
const REQUESTS_AFTER = 30;

describe.each([exhibits, records])('$service-service during a database outage', (profile) => {
  let database: TestDatabase;
  let sink: SentrySink;
  let service: ServiceProcess;
  const id = serviceId(profile.service);

  beforeAll(async () => {
    database = await startTestDatabase({ migrate: true });
    sink = await startSentrySink({ stderr: 'ignore' });
    service = await startBuiltService(profile.service, { ...(await profile.peers()), DATABASE_URL: database.url, SENTRY_DSN: sink.dsn });
  });

  afterAll(async () => {
    await service?.stop();
    await sink?.close();
    await database?.stop();
  });

  it('answers 503 database_unavailable with Retry-After (never 500), reports one Sentry event, recovers without a restart and keeps every acknowledged write', async () => {
    const traffic = startTraffic(service.url, profile.traffic);
    await traffic.waitForAnswers(REQUESTS_BEFORE);
    traffic.setPhase('during');
    await database.interrupt();
    await traffic.waitForAnswers(REQUESTS_DURING);
    await database.resume();
    traffic.setPhase('after');
    await traffic.waitForAnswers(REQUESTS_AFTER);
    await traffic.stop();
    const answers = traffic.answers;

    // Every failure is the outage: 503 database_unavailable with Retry-After, never a 500.
    const failed = answers.filter((a) => a.status >= 300);
    for (const answer of failed) {
      expect({ status: answer.status, code: answer.code, retryAfter: answer.retryAfter }).toEqual({
        status: 503,
        code: 'database_unavailable',
        retryAfter: '5',
      });
    }
    expect(answers.filter((a) => a.phase === 'before').every((a) => a.status < 300)).toBe(true);
    // While the server is down reads and writes both fail this way.
    const down = answers.filter((a) => a.phase === 'during' && a.status === 503);
    expect(down.some((a) => a.kind === 'read')).toBe(true);
    expect(down.some((a) => a.kind === 'write')).toBe(true);
    // Once PostgreSQL is back the same process serves again: the last answers are all 2xx.
    expect(answers.slice(-10).every((a) => a.status < 300)).toBe(true);

    // Every route works after the restart, without restarting the service.
    expect(await profile.probeRoutes(service.url)).toEqual(profile.expectedProbes);

    // Every acknowledged write is stored.
    const acknowledged = answers.flatMap((a) => (a.id ? [a.id] : []));
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const stored = await client
      .query<{ id: string }>(`SELECT id FROM ${profile.table} WHERE id = ANY($1)`, [acknowledged])
      .finally(() => client.end());
    expect(stored.rows.map((row) => row.id).sort()).toEqual([...acknowledged].sort());

    // Stopping the service flushes what the SDK still holds; then the sink has everything.
    expect(await service.stop()).toBe(0);
    const events = errorEvents(await readSinkEnvelopes(sink.url, { timeoutMs: 5_000 })).filter(
      (event) => (event['tags'] as Record<string, unknown> | undefined)?.['service'] === id,
    );
    const outageEvents = events.filter((event) => (event['tags'] as Record<string, unknown>)['dependency'] === 'database');
    // The outage lasted far less than the 60 s window: one event, one fingerprint, and no other report.
    expect(outageEvents).toHaveLength(1);
    expect(outageEvents[0]!['fingerprint']).toEqual(['dependency-unavailable', 'database', id]);
    expect(events).toHaveLength(outageEvents.length);

    const counts = countAnswers(answers);
    expect(counts.server500).toBe(0);
    expect(counts.other).toBe(0);
    expect(counts.unavailable503).toBeGreaterThan(0);
    process.stdout.write(
      `${id} outage: ${counts.requests} requests, ${counts.ok2xx} 2xx, ${counts.unavailable503} 503 ` +
        `(${counts.writeOutcomeUnknown} write outcome unknown), ${counts.server500} 500, ` +
        `${outageEvents.length} Sentry event(s) for ${counts.unavailable503} failed requests, ` +
        `${acknowledged.length} writes acknowledged / ${stored.rowCount} stored\n`,
    );
  });
});
