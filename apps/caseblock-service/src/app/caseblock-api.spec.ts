import { Pool } from 'pg';
import { startTestDatabase, type TestDatabase } from '@factsway/database';
import { createService, type RunningService } from '@factsway/shared-utils';
import {
  closedPortUrl,
  expectError,
  readJson,
  sendJson,
  silentServer,
  startBuiltService,
  testServiceEnv,
  TEST_TENANT,
  type ServiceProcess,
  type SilentServer,
} from '@factsway/service-testing';
import { freePort } from '@factsway/dev-support';
import { registerRoutes } from './routes';

const UNKNOWN_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

const caseData = {
  court: 'United States District Court',
  district: 'Northern District of California',
  plaintiffs: ['Jane Roe'],
  defendants: ['Acme Widgets, Inc.'],
  caseNumber: '3:24-cv-01234-JSC',
  judge: 'Hon. Jacqueline S. Corley',
  documentTitle: 'Motion to Compel',
};

const texasTemplate = {
  name: 'Texas district court',
  court: 'District Court',
  jurisdiction: 'TX',
  courtLines: ['IN THE {court} OF', '{county}'],
  separator: '§',
  caseNumberLabel: 'Cause No.',
};

describe('caseblock-service', () => {
  let database: TestDatabase;
  let pool: Pool;
  let service: RunningService;
  let recordsDown: RunningService;
  let hangingPeer: SilentServer;
  let recordsHanging: RunningService;
  let records: ServiceProcess;
  let withRecords: RunningService;
  let recordsWithoutDatabase: ServiceProcess;
  let recordsFailing: RunningService;

  let baseEnv: Record<string, string | undefined>;
  const env = (recordsUrl: string) => ({ ...baseEnv, RECORDS_SERVICE_URL: recordsUrl });

  beforeAll(async () => {
    database = await startTestDatabase({ migrate: true });
    baseEnv = await testServiceEnv({ DATABASE_URL: database.url });
    pool = new Pool({ connectionString: database.url, max: 2 });
    service = await createService({ name: 'caseblock', routes: registerRoutes, env: env(await closedPortUrl()) }).listen(0);
    recordsDown = service;
    hangingPeer = await silentServer();
    recordsHanging = await createService({ name: 'caseblock', routes: registerRoutes, env: env(hangingPeer.url) }).listen(0);
    // The built records-service as its own process (the test target builds it first).
    records = await startBuiltService('records', { DATABASE_URL: database.url });
    withRecords = await createService({ name: 'caseblock', routes: registerRoutes, env: env(records.url) }).listen(0);
    // A real records-service whose database is unreachable: it answers 5xx.
    recordsWithoutDatabase = await startBuiltService('records', { DATABASE_URL: `postgres://factsway@127.0.0.1:${await freePort()}/factsway` });
    recordsFailing = await createService({ name: 'caseblock', routes: registerRoutes, env: env(recordsWithoutDatabase.url) }).listen(0);
  });

  afterAll(async () => {
    await service?.close();
    await recordsHanging?.close();
    await withRecords?.close();
    await records?.stop();
    await recordsFailing?.close();
    await recordsWithoutDatabase?.stop();
    await hangingPeer?.close();
    await pool?.end();
    await database?.stop();
  });

  const call = (method: string, path: string, body?: unknown, base = service.url) => sendJson(`${base}${path}`, method, body);
  const templateCount = async () => Number((await pool.query('SELECT count(*) FROM caption_templates')).rows[0].count);

  describe('caption templates CRUD', () => {
    it('creates, reads, lists, replaces and deletes a template', async () => {
      const created = await call('POST', '/api/caseblock/templates', texasTemplate);
      expect(created.status).toBe(201);
      const template = await readJson(created);
      expect(template).toMatchObject({
        ...texasTemplate,
        judgeLabel: 'Judge:',
        plaintiffLabel: 'Plaintiff',
        width: 72,
        id: expect.stringMatching(/^[0-9A-Z]{26}$/),
      });
      expect(created.headers.get('location')).toBe(`/api/caseblock/templates/${template.id}`);
      const row = (await pool.query('SELECT template, layout FROM caption_templates WHERE id = $1', [template.id])).rows[0];
      expect(row.template).toBe('IN THE {court} OF\n{county}');
      expect(row.layout).toMatchObject({ separator: '§', caseNumberLabel: 'Cause No.' });

      expect(await readJson(await call('GET', `/api/caseblock/templates/${template.id}`))).toEqual(template);
      const list = await readJson(await call('GET', '/api/caseblock/templates?jurisdiction=TX'));
      expect(list).toMatchObject({ total: 1, limit: 20, offset: 0 });
      expect(list.items).toEqual([template]);
      expect((await readJson(await call('GET', '/api/caseblock/templates?jurisdiction=NY'))).items).toEqual([]);

      const replaced = await call('PUT', `/api/caseblock/templates/${template.id}`, { ...texasTemplate, width: 80, separator: ')' });
      expect(replaced.status).toBe(200);
      expect(await readJson(replaced)).toMatchObject({ id: template.id, width: 80, separator: ')', createdAt: template.createdAt });

      expect((await call('DELETE', `/api/caseblock/templates/${template.id}`)).status).toBe(204);
      expect((await call('GET', `/api/caseblock/templates/${template.id}`)).status).toBe(404);
      expect(await templateCount()).toBe(0);
    });

    it('reads rows written before the layout column existed with the default layout', async () => {
      await pool.query(`INSERT INTO caption_templates (id, name, template, tenant_id) VALUES ($1, 'old', '{court}', $2)`, [UNKNOWN_ID, TEST_TENANT]);
      const old = await readJson(await call('GET', `/api/caseblock/templates/${UNKNOWN_ID}`));
      expect(old).toMatchObject({ courtLines: ['{court}'], separator: ')', width: 72 });
      await pool.query('DELETE FROM caption_templates WHERE id = $1', [UNKNOWN_ID]);
    });

    it('refuses bad template input with 400 or 409 and changes nothing', async () => {
      const existing = await readJson(await call('POST', '/api/caseblock/templates', { ...texasTemplate, name: 'kept' }));
      const before = await templateCount();
      expect(await expectError(await call('POST', '/api/caseblock/templates', '{"name": '), 400, 'malformed_json')).toEqual(expect.any(String));
      expect(await expectError(await call('POST', '/api/caseblock/templates', { courtLines: ['{court}'] }), 400, 'validation_failed')).toContain('body.name');
      expect(await expectError(await call('POST', '/api/caseblock/templates', { name: 'x', courtLines: ['{courthouse}'] }), 400, 'validation_failed')).toContain(
        'unknown placeholder {courthouse}',
      );
      expect(await expectError(await call('POST', '/api/caseblock/templates', { name: 'x', courtLines: 'IN THE {court}' }), 400, 'validation_failed')).toContain('body.courtLines');
      expect(await expectError(await call('POST', '/api/caseblock/templates', { name: 'x', courtLines: ['{court}'], width: 500 }), 400, 'validation_failed')).toContain('body.width');
      expect(await expectError(await call('POST', '/api/caseblock/templates', { name: 'x', courtLines: ['{court}'], separator: '#' }), 400, 'validation_failed')).toContain('body.separator');
      expect(await expectError(await call('POST', '/api/caseblock/templates', { ...texasTemplate, name: 'kept' }), 409, 'conflict')).toContain('"kept"');
      expect(await expectError(await call('POST', '/api/caseblock/templates', { ...texasTemplate, name: 'y'.repeat(2_000_000) }), 413, 'payload_too_large')).toEqual(expect.any(String));
      expect(await expectError(await call('PUT', `/api/caseblock/templates/${existing.id}`, { name: 'kept' }), 400, 'validation_failed')).toContain('body.courtLines');
      expect(await templateCount()).toBe(before);
      expect(await readJson(await call('GET', `/api/caseblock/templates/${existing.id}`))).toEqual(existing);
    });

    it('answers unknown ids with 404 and malformed ids with 400', async () => {
      await expectError(await call('GET', `/api/caseblock/templates/${UNKNOWN_ID}`), 404, 'not_found');
      await expectError(await call('PUT', `/api/caseblock/templates/${UNKNOWN_ID}`, texasTemplate), 404, 'not_found');
      await expectError(await call('DELETE', `/api/caseblock/templates/${UNKNOWN_ID}`), 404, 'not_found');
      await expectError(await call('GET', '/api/caseblock/templates/123'), 400, 'validation_failed');
      await expectError(await call('DELETE', '/api/caseblock/templates/not-a-ulid'), 400, 'validation_failed');
      await expectError(await call('GET', '/api/caseblock/templates?limit=1000'), 400, 'validation_failed');
    });
  });

  describe('POST /api/caseblock/format', () => {
    it('formats a caption with the default layout', async () => {
      const response = await call('POST', '/api/caseblock/format', caseData);
      expect(response.status).toBe(200);
      const body = await readJson(response);
      expect(body.lines[0].trim()).toBe('IN THE UNITED STATES DISTRICT COURT');
      expect(body.text).toBe(body.lines.join('\n'));
      expect(body.text).toContain(') Case No. 3:24-cv-01234-JSC');
      expect(body).toMatchObject({ templateId: null, caseId: null, case: caseData });
    });

    it('formats with a stored template', async () => {
      const template = await readJson(await call('POST', '/api/caseblock/templates', { ...texasTemplate, name: 'for format' }));
      const body = await readJson(
        await call('POST', '/api/caseblock/format', { ...caseData, county: 'Travis County, Texas', templateId: template.id })
      );
      expect(body.templateId).toBe(template.id);
      expect(body.lines.slice(0, 2).map((line: string) => line.trim())).toEqual([
        'IN THE UNITED STATES DISTRICT COURT OF',
        'TRAVIS COUNTY, TEXAS',
      ]);
      expect(body.text).toContain('§ Cause No. 3:24-cv-01234-JSC');
    });

    it.each([
      ['malformed JSON', '{"court":', 400, 'malformed_json', ''],
      ['a missing field', { ...caseData, caseNumber: undefined }, 400, 'validation_failed', 'body.caseNumber'],
      ['a wrong type', { ...caseData, plaintiffs: 'Jane Roe' }, 400, 'validation_failed', 'body.plaintiffs'],
      ['no defendants', { ...caseData, defendants: [] }, 400, 'validation_failed', 'body.defendants'],
      ['an unknown field', { ...caseData, courtroom: '4B' }, 400, 'validation_failed', 'courtroom'],
      ['a malformed template id', { ...caseData, templateId: 'abc' }, 400, 'validation_failed', 'body.templateId'],
      ['a malformed case id', { ...caseData, caseId: 42 }, 400, 'validation_failed', 'body.caseId'],
      ['an unknown template id', { ...caseData, templateId: UNKNOWN_ID }, 404, 'not_found', UNKNOWN_ID],
    ])('refuses %s', async (_name, body, status, code, inMessage) => {
      expect(await expectError(await call('POST', '/api/caseblock/format', body), status, code)).toContain(inMessage);
    });

    async function createCase(body: unknown): Promise<string> {
      const response = await call('POST', '/api/cases', body, records.url);
      expect(response.status).toBe(201);
      return (await readJson(response)).id;
    }

    it('fills the caption from a records-service case over HTTP; fields in the request win', async () => {
      const caseId = await createCase({
        title: 'Roe v. Acme',
        caseNumber: '3:24-cv-09999',
        court: 'Superior Court of California',
        parties: [
          { name: 'Jane Roe', role: 'plaintiff' },
          { name: 'Acme Widgets, Inc.', role: 'defendant' },
          { name: 'Richard Roe', role: 'Plaintiff' },
        ],
      });
      const response = await call(
        'POST',
        '/api/caseblock/format',
        { caseId, court: 'United States District Court', district: 'Northern District of California', documentTitle: 'Motion to Compel' },
        withRecords.url,
      );
      expect(response.status).toBe(200);
      const body = await readJson(response);
      expect(body.caseId).toBe(caseId);
      expect(body.case).toEqual({
        court: 'United States District Court',
        district: 'Northern District of California',
        caseNumber: '3:24-cv-09999',
        plaintiffs: ['Jane Roe', 'Richard Roe'],
        defendants: ['Acme Widgets, Inc.'],
        documentTitle: 'Motion to Compel',
      });
      expect(body.lines[0].trim()).toBe('IN THE UNITED STATES DISTRICT COURT');
      expect(body.text).toContain('Case No. 3:24-cv-09999');
      expect(body.text).toMatch(/RICHARD ROE,\s+\)/);
    });

    it('names what is missing when neither the request nor the case has it', async () => {
      const caseId = await createCase({ title: 'In re Doe', parties: [{ name: 'John Doe', role: 'petitioner' }] });
      const message = await expectError(await call('POST', '/api/caseblock/format', { caseId, documentTitle: 'Petition' }, withRecords.url), 400, 'validation_failed');
      expect(message).toContain(`body.court: `);
      expect(message).toContain('body.caseNumber');
      expect(message).toContain('body.defendants');
      expect(message).toContain(`neither in the request nor in case ${caseId}`);
    });

    it('answers 404 for a case records-service does not know', async () => {
      const message = await expectError(await call('POST', '/api/caseblock/format', { ...caseData, caseId: UNKNOWN_ID }, withRecords.url), 404, 'not_found');
      expect(message).toContain(UNKNOWN_ID);
    });

    it('answers 503 when records-service is down (connection refused), quickly', async () => {
      const started = Date.now();
      const message = await expectError(await call('POST', '/api/caseblock/format', { ...caseData, caseId: UNKNOWN_ID }, recordsDown.url), 503, 'peer_unavailable');
      expect(message).toContain('records');
      expect(Date.now() - started).toBeLessThan(2_900);
    });

    it('answers 502 when records-service fails (its own database is down)', async () => {
      const message = await expectError(
        await call('POST', '/api/caseblock/format', { ...caseData, caseId: UNKNOWN_ID }, recordsFailing.url),
        502,
        'peer_failed',
      );
      expect(message).toMatch(/records service failed \(HTTP 5\d\d\)/);
    });

    it('answers 503 when records-service does not answer in time, instead of hanging', async () => {
      const message = await expectError(
        await call('POST', '/api/caseblock/format', { ...caseData, caseId: UNKNOWN_ID }, recordsHanging.url),
        503,
        'peer_unavailable',
      );
      expect(message).toContain('no answer within 3000 ms');
      expect((await fetch(`${recordsHanging.url}/health`)).status).toBe(200);
    });
  });

  describe('POST /api/caseblock/extract', () => {
    it('reads court, case number and parties back from a formatted caption', async () => {
      const { text } = await readJson(await call('POST', '/api/caseblock/format', caseData));
      const response = await call('POST', '/api/caseblock/extract', { text });
      expect(response.status).toBe(200);
      expect(await readJson(response)).toEqual({
        court: 'UNITED STATES DISTRICT COURT',
        district: 'NORTHERN DISTRICT OF CALIFORNIA',
        county: null,
        caseNumber: '3:24-cv-01234-JSC',
        judge: 'Hon. Jacqueline S. Corley',
        plaintiffs: ['JANE ROE'],
        defendants: ['ACME WIDGETS, INC.'],
        documentTitle: 'MOTION TO COMPEL',
      });
    });

    it.each([
      ['a missing text', {}, 'body.text'],
      ['a blank text', { text: '   ' }, 'body.text'],
      ['a text that is not a string', { text: ['IN THE COURT'] }, 'body.text'],
      ['a text over 100,000 characters', { text: 'x'.repeat(100_001) }, 'body.text'],
    ])('refuses %s with 400', async (_name, body, field) => {
      expect(await expectError(await call('POST', '/api/caseblock/extract', body), 400, 'validation_failed')).toContain(field);
    });
  });
});
