import { Client } from 'pg';
import { RecordsHarness } from '../testing/records-harness';

/**
 * Production puts PgBouncer in transaction mode between the services and PostgreSQL
 * (infra/kubernetes, CloudNativePG Pooler). A server connection then belongs to a client for
 * one transaction only: session state (SET, advisory locks, named prepared statements, LISTEN)
 * would leak between clients or break. This runs records-service, whose writes are the most
 * transactional (draft + version history, optimistic concurrency), through a real PgBouncer
 * with fewer server connections than the service's own pool.
 */
const SERVER_CONNECTIONS = 2;

async function rows<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('records-service through PgBouncer in transaction mode', () => {
  const api = new RecordsHarness({ pgbouncer: { poolSize: SERVER_CONNECTIONS } });
  let caseId: string;

  beforeAll(async () => {
    await api.start();
    caseId = (await api.request('POST', '/api/cases', { title: 'Doe v. Roe' })).body.id;
  });
  afterAll(() => api.stop());

  it('really goes through PgBouncer, in transaction mode', async () => {
    expect(api.database.pgbouncer).toBeDefined();
    expect(new URL(api.database.url).port).toBe(String(api.database.pgbouncer!.port));
    const pools = await rows<{ database: string; pool_mode: string }>(api.database.pgbouncer!.adminUrl, 'SHOW POOLS');
    expect(pools.find((pool) => pool.database === 'factsway')?.pool_mode).toBe('transaction');
  });

  it('serves concurrent transactional writes with every change kept, on two server connections', async () => {
    const drafts = 12;
    const writesPerDraft = 4;
    let peakServerConnections = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const [{ count }] = await rows<{ count: string }>(
          api.database.directUrl,
          "SELECT count(*) FROM pg_stat_activity WHERE datname = 'factsway' AND backend_type = 'client backend' AND pid <> pg_backend_pid()",
        );
        peakServerConnections = Math.max(peakServerConnections, Number(count));
      }
    })();

    const created = await Promise.all(
      Array.from({ length: drafts }, (_, i) => api.request('POST', '/api/drafts', { caseId, title: `draft ${i}` })),
    );
    expect(created.map((response) => response.status)).toEqual(Array(drafts).fill(201));
    // Each draft gets a chain of versioned updates; the drafts run in parallel.
    await Promise.all(
      created.map(async ({ body: draft }) => {
        for (let version = 1; version <= writesPerDraft; version += 1) {
          const write = await api.request('PATCH', `/api/drafts/${draft.id}`, { title: `${draft.title} v${version + 1}` }, { 'if-match': `"${version}"` });
          expect(write.status).toBe(200);
        }
      }),
    );
    sampling = false;
    await sampler;

    for (const { body: draft } of created) {
      const current = (await api.request('GET', `/api/drafts/${draft.id}`)).body;
      expect(current).toMatchObject({ title: `${draft.title} v${writesPerDraft + 1}`, version: writesPerDraft + 1 });
      expect((await api.request('GET', `/api/drafts/${draft.id}/versions`)).body.total).toBe(writesPerDraft + 1);
    }
    // The service's pool holds up to 10 client connections; PostgreSQL never saw more than PgBouncer's pool.
    expect(peakServerConnections).toBeGreaterThan(0);
    expect(peakServerConnections).toBeLessThanOrEqual(SERVER_CONNECTIONS);
  });

  it('rejects a stale write with 409 and changes nothing, as without the pooler', async () => {
    const draft = (await api.request('POST', '/api/drafts', { caseId, title: 'v1' })).body;
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, i) => api.request('PATCH', `/api/drafts/${draft.id}`, { title: `writer ${i}` }, { 'if-match': '"1"' })),
    );
    expect(attempts.map((a) => a.status).sort()).toEqual([200, ...Array(5).fill(409)]);
    expect((await api.request('GET', `/api/drafts/${draft.id}/versions`)).body.total).toBe(2);
  });
});
