import { Client } from 'pg';
import { RecordsHarness } from '../testing/records-harness';

// A connection that drops while a write is being committed: the client cannot know whether the
// case was stored. The service must say so, and a retry with the same client-chosen id must be safe.
describe('POST /api/cases when the connection drops during the commit', () => {
  const api = new RecordsHarness();
  let admin: Client;

  beforeAll(async () => {
    await api.start();
    admin = new Client({ connectionString: api.database.url });
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.end();
    await api.stop();
  });

  /** Makes every commit that inserted a case wait in the server (a deferred trigger runs at commit time). */
  async function slowDownCommits(): Promise<void> {
    await admin.query(`CREATE FUNCTION test_slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_sleep(60); RETURN NULL; END $$`);
    await admin.query(`CREATE CONSTRAINT TRIGGER test_slow_commit AFTER INSERT ON cases
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_slow_commit()`);
  }

  async function restoreCommits(): Promise<void> {
    await admin.query('DROP TRIGGER test_slow_commit ON cases');
    await admin.query('DROP FUNCTION test_slow_commit()');
  }

  /** Terminates the backend that is committing the case insert, as an administrator or a failover would. */
  async function terminateCommittingBackend(): Promise<void> {
    for (;;) {
      const { rows } = await admin.query<{ terminated: boolean }>(
        `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
         WHERE wait_event = 'PgSleep' AND query LIKE 'INSERT INTO cases%'`,
      );
      if (rows.some((row) => row.terminated)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function storedCount(id: string): Promise<number> {
    const { rows } = await admin.query<{ count: string }>('SELECT count(*) FROM cases WHERE id = $1', [id]);
    return Number(rows[0]!.count);
  }

  it('answers 503 saying the outcome is unknown; retrying with the same id stores the case once', async () => {
    const id = '01JXCM1T0VTC0ME00000000001';
    const doeVRoe = { id, title: 'Doe v. Roe', court: 'District of Delaware' };

    await slowDownCommits();
    let dropped;
    try {
      const request = api.request('POST', '/api/cases', doeVRoe);
      await terminateCommittingBackend();
      dropped = await request;
    } finally {
      await restoreCommits();
    }

    expect(dropped.status).toBe(503);
    expect(dropped.headers.get('retry-after')).toBe('5');
    expect(dropped.body.error).toMatchObject({ code: 'database_unavailable', details: { writeOutcome: 'unknown' } });
    expect(dropped.body.error.message).toMatch(/may or may not have been stored/);

    // The retry the message asks for: the same request, same id.
    const retried = await api.request('POST', '/api/cases', doeVRoe);
    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ id, title: 'Doe v. Roe', court: 'District of Delaware' });
    // A second retry (say the 201 itself was lost) returns the stored case and stores nothing new.
    const again = await api.request('POST', '/api/cases', doeVRoe);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(retried.body);
    expect(await storedCount(id)).toBe(1);
  });

  it('refuses a create that reuses the id of a different case (409), changing nothing', async () => {
    const id = '01JXCM1T0VTC0ME00000000002';
    expect((await api.request('POST', '/api/cases', { id, title: 'Smith v. Jones' })).status).toBe(201);
    const reused = await api.request('POST', '/api/cases', { id, title: 'A different case' });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('conflict');
    expect((await api.request('GET', `/api/cases/${id}`)).body.title).toBe('Smith v. Jones');
  });

  it('refuses an id that is not a ULID (400)', async () => {
    const answer = await api.request('POST', '/api/cases', { id: 'my-case', title: 'Doe v. Roe' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_failed');
  });
});
