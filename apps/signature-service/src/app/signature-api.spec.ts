import { Pool } from 'pg';
import { startTestDatabase, type TestDatabase } from '@factsway/database';
import { createService, type RunningService } from '@factsway/shared-utils';
import { testServiceEnv, closedPortUrl, expectError, readJson, sendJson, startBuiltService, type ServiceProcess } from '@factsway/service-testing';
import { registerRoutes } from './routes';

const UNKNOWN_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

const attorney = {
  name: 'Maria Lopez',
  barNumber: '24012345',
  firm: 'Lopez & Partners LLP',
  address: ['100 Congress Ave., Suite 2000', 'Austin, Texas 78701'],
  phone: '(512) 555-0100',
  email: 'mlopez@lopezpartners.example',
  role: 'Attorney for Plaintiff',
};

const federalTemplate = {
  name: 'Federal e-filing',
  jurisdiction: 'US',
  lines: ['Dated: {date}', 'Respectfully submitted,', '/s/ {name}', '{name} (Bar No. {barNumber})', '{firm}', '{address}', '{email}', '{role}'],
};

describe('signature-service', () => {
  let database: TestDatabase;
  let pool: Pool;
  let service: RunningService;
  let records: ServiceProcess;
  let withRecords: RunningService;

  beforeAll(async () => {
    database = await startTestDatabase({ migrate: true });
    pool = new Pool({ connectionString: database.url, max: 2 });
    const env = await testServiceEnv({ DATABASE_URL: database.url });
    service = await createService({
      name: 'signature',
      routes: registerRoutes,
      env: { ...env, RECORDS_SERVICE_URL: await closedPortUrl() },
    }).listen(0);
    // The built records-service as its own process (the test target builds it first).
    records = await startBuiltService('records', { DATABASE_URL: database.url });
    withRecords = await createService({ name: 'signature', routes: registerRoutes, env: { ...env, RECORDS_SERVICE_URL: records.url } }).listen(0);
  });

  afterAll(async () => {
    await service?.close();
    await withRecords?.close();
    await records?.stop();
    await pool?.end();
    await database?.stop();
  });

  const call = (method: string, path: string, body?: unknown, base = service.url) => sendJson(`${base}${path}`, method, body);
  const templateCount = async () => Number((await pool.query('SELECT count(*) FROM signature_templates')).rows[0].count);

  describe('signature templates CRUD', () => {
    it('creates, reads, lists, replaces and deletes a template', async () => {
      const created = await call('POST', '/api/signature/templates', federalTemplate);
      expect(created.status).toBe(201);
      const template = await readJson(created);
      expect(template).toMatchObject({ ...federalTemplate, id: expect.stringMatching(/^[0-9A-Z]{26}$/) });
      expect(created.headers.get('location')).toBe(`/api/signature/templates/${template.id}`);
      const row = (await pool.query('SELECT template FROM signature_templates WHERE id = $1', [template.id])).rows[0];
      expect(row.template).toBe(federalTemplate.lines.join('\n'));

      expect(await readJson(await call('GET', `/api/signature/templates/${template.id}`))).toEqual(template);
      const list = await readJson(await call('GET', '/api/signature/templates?jurisdiction=US&limit=5'));
      expect(list).toEqual({ items: [template], total: 1, limit: 5, offset: 0 });

      const replaced = await call('PUT', `/api/signature/templates/${template.id}`, { name: 'Renamed', lines: ['/s/ {name}'] });
      expect(replaced.status).toBe(200);
      expect(await readJson(replaced)).toMatchObject({ id: template.id, name: 'Renamed', jurisdiction: null, lines: ['/s/ {name}'] });

      expect((await call('DELETE', `/api/signature/templates/${template.id}`)).status).toBe(204);
      expect((await call('GET', `/api/signature/templates/${template.id}`)).status).toBe(404);
      expect(await templateCount()).toBe(0);
    });

    it('refuses bad template input with 400, 409 or 413 and changes nothing', async () => {
      const existing = await readJson(await call('POST', '/api/signature/templates', { ...federalTemplate, name: 'kept' }));
      const before = await templateCount();
      const post = (body: unknown) => call('POST', '/api/signature/templates', body);
      await expectError(await post('{"name": '), 400, 'malformed_json');
      expect(await expectError(await post({ lines: ['{name}'] }), 400, 'validation_failed')).toContain('body.name');
      expect(await expectError(await post({ name: 'x', lines: ['{fax}'] }), 400, 'validation_failed')).toContain('unknown placeholder {fax}');
      expect(await expectError(await post({ name: 'x', lines: [] }), 400, 'validation_failed')).toContain('body.lines');
      expect(await expectError(await post({ name: 'x', lines: [42] }), 400, 'validation_failed')).toContain('body.lines.0');
      expect(await expectError(await post({ name: 'x', lines: ['a\nb'] }), 400, 'validation_failed')).toContain('line breaks');
      expect(await expectError(await post({ ...federalTemplate, name: 'kept' }), 409, 'conflict')).toContain('"kept"');
      await expectError(await post({ ...federalTemplate, name: 'z'.repeat(2_000_000) }), 413, 'payload_too_large');
      await expectError(await call('PUT', `/api/signature/templates/${existing.id}`, { name: 'kept', lines: 'x' }), 400, 'validation_failed');
      expect(await templateCount()).toBe(before);
      expect(await readJson(await call('GET', `/api/signature/templates/${existing.id}`))).toEqual(existing);
    });

    it('answers unknown ids with 404 and malformed ids with 400', async () => {
      await expectError(await call('GET', `/api/signature/templates/${UNKNOWN_ID}`), 404, 'not_found');
      await expectError(await call('PUT', `/api/signature/templates/${UNKNOWN_ID}`, federalTemplate), 404, 'not_found');
      await expectError(await call('DELETE', `/api/signature/templates/${UNKNOWN_ID}`), 404, 'not_found');
      await expectError(await call('GET', '/api/signature/templates/zzz'), 400, 'validation_failed');
      await expectError(await call('GET', '/api/signature/templates?offset=-1'), 400, 'validation_failed');
    });
  });

  describe('POST /api/signature/format', () => {
    it('formats a block with the default template', async () => {
      const response = await call('POST', '/api/signature/format', attorney);
      expect(response.status).toBe(200);
      const body = await readJson(response);
      expect(body.lines).toEqual([
        'Respectfully submitted,',
        '',
        'LOPEZ & PARTNERS LLP',
        '',
        'By: /s/ Maria Lopez',
        'Maria Lopez',
        'State Bar No. 24012345',
        '100 Congress Ave., Suite 2000',
        'Austin, Texas 78701',
        'Telephone: (512) 555-0100',
        'Email: mlopez@lopezpartners.example',
        '',
        'Attorney for Plaintiff',
      ]);
      expect(body).toMatchObject({ text: body.lines.join('\n'), role: 'Attorney for Plaintiff', templateId: null, caseId: null });
    });

    it('formats with a stored template', async () => {
      const template = await readJson(await call('POST', '/api/signature/templates', { ...federalTemplate, name: 'for format' }));
      const body = await readJson(await call('POST', '/api/signature/format', { ...attorney, date: '2026-03-05', templateId: template.id }));
      expect(body.templateId).toBe(template.id);
      expect(body.lines.slice(0, 4)).toEqual(['Dated: March 5, 2026', 'Respectfully submitted,', '/s/ Maria Lopez', 'Maria Lopez (Bar No. 24012345)']);
    });

    it.each([
      ['malformed JSON', '{"name":', 400, 'malformed_json', ''],
      ['a missing bar number', { ...attorney, barNumber: undefined }, 400, 'validation_failed', 'body.barNumber'],
      ['an address that is not a list', { ...attorney, address: '1 Main St.' }, 400, 'validation_failed', 'body.address'],
      ['a malformed email', { ...attorney, email: 'not-an-email' }, 400, 'validation_failed', 'body.email'],
      ['an impossible date', { ...attorney, date: '2026-02-30' }, 400, 'validation_failed', 'body.date'],
      ['an unknown side', { ...attorney, represents: 'intervenor' }, 400, 'validation_failed', 'body.represents'],
      ['an unknown field', { ...attorney, fax: '555' }, 400, 'validation_failed', 'fax'],
      ['a malformed template id', { ...attorney, templateId: 'T1' }, 400, 'validation_failed', 'body.templateId'],
      ['an unknown template id', { ...attorney, templateId: UNKNOWN_ID }, 404, 'not_found', UNKNOWN_ID],
    ])('refuses %s', async (_name, body, status, code, inMessage) => {
      expect(await expectError(await call('POST', '/api/signature/format', body), status, code)).toContain(inMessage);
    });

    it('names the represented parties and the case number from a records-service case over HTTP', async () => {
      const created = await call(
        'POST',
        '/api/cases',
        {
          title: 'Roe v. Acme',
          caseNumber: 'D-1-GN-24-001234',
          parties: [
            { name: 'Jane Roe', role: 'plaintiff' },
            { name: 'Richard Roe', role: 'plaintiff' },
            { name: 'Acme Widgets, Inc.', role: 'defendant' },
          ],
        },
        records.url,
      );
      expect(created.status).toBe(201);
      const caseId = (await readJson(created)).id;
      const template = await readJson(
        await call('POST', '/api/signature/templates', { name: 'with case number', lines: ['Cause No. {caseNumber}', '/s/ {name}', '{role}'] }),
      );
      const { role: _role, ...withoutRole } = attorney;
      const response = await call(
        'POST',
        '/api/signature/format',
        { ...withoutRole, represents: 'plaintiff', caseId, templateId: template.id },
        withRecords.url,
      );
      expect(response.status).toBe(200);
      expect(await readJson(response)).toMatchObject({
        caseId,
        role: 'Attorney for Plaintiffs Jane Roe and Richard Roe',
        lines: ['Cause No. D-1-GN-24-001234', '/s/ Maria Lopez', 'Attorney for Plaintiffs Jane Roe and Richard Roe'],
      });
    });

    it('answers 404 for a case records-service does not know', async () => {
      const message = await expectError(await call('POST', '/api/signature/format', { ...attorney, caseId: UNKNOWN_ID }, withRecords.url), 404, 'not_found');
      expect(message).toContain(UNKNOWN_ID);
    });

    it('answers 503 when records-service is down, without crashing', async () => {
      const message = await expectError(await call('POST', '/api/signature/format', { ...attorney, caseId: UNKNOWN_ID }), 503, 'peer_unavailable');
      expect(message).toContain('records');
      expect((await fetch(`${service.url}/ready`)).status).toBe(200);
    });
  });
});
