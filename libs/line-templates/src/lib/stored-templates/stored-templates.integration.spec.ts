import { Pool } from 'pg';
import { z } from 'zod';
import { startTestDatabase, type TestDatabase } from '@factsway/database';
import { tenantOf, type RunningService } from '@factsway/shared-utils';
import { authHeader, expectError, readJson, sendJson, startTestService, TEST_TENANT } from '@factsway/service-testing';
import { templateLinesSchema } from '../line-template';
import { findTemplateOrNotFound, registerTemplateRoutes, templateBodyFields } from './template-routes';
import { templateStore, type TemplateRow, type TemplateStore, type TemplateTable } from './template-store';

// A table like caption_templates and signature_templates, with one column of its own.
const noteBody = z.strictObject({ ...templateBodyFields, lines: templateLinesSchema(['name']), tone: z.enum(['formal', 'plain']).default('plain') });
type NoteInput = z.output<typeof noteBody>;
interface Note {
  id: string;
  name: string;
  jurisdiction: string | null;
  lines: string[];
  tone: string;
  createdAt: string;
}
const notes: TemplateTable<NoteInput, Note, TemplateRow & { tone: string }> = {
  table: 'note_templates',
  noun: 'note template',
  columns: ['name', 'jurisdiction', 'template', 'tone'],
  toColumns: (input) => [input.name, input.jurisdiction ?? null, input.lines.join('\n'), input.tone],
  toTemplate: (row) => ({ id: row.id, name: row.name, jurisdiction: row.jurisdiction, lines: row.template.split('\n'), tone: row.tone, createdAt: row.created_at.toISOString() }),
};
const BASE = '/api/notes/templates';
const UNKNOWN_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

describe('stored templates: templateStore and registerTemplateRoutes on a real PostgreSQL', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: TemplateStore<NoteInput, Note>;
  let service: RunningService;

  beforeAll(async () => {
    database = await startTestDatabase();
    pool = new Pool({ connectionString: database.url, max: 2 });
    await pool.query(`CREATE TABLE note_templates (
      id text PRIMARY KEY, name text NOT NULL, jurisdiction text, template text NOT NULL, tone text NOT NULL, tenant_id text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(), UNIQUE (tenant_id, name))`);
    const storeFor = (tenant: string) => templateStore(pool, notes, tenant);
    store = storeFor(TEST_TENANT);
    service = await startTestService({
      name: 'export',
      routes: (router) => {
        registerTemplateRoutes(router, { basePath: BASE, body: noteBody, storeFor });
        router.get('/api/notes/render/:id', async (req, res) => res.json(await findTemplateOrNotFound(storeFor(tenantOf(req)), req.params['id'] as string)));
      },
    });
  });

  afterAll(async () => {
    await service?.close();
    await pool?.end();
    await database?.stop();
  });

  const call = (method: string, path: string, body?: unknown) => sendJson(`${service.url}${path}`, method, body);
  const count = async () => (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM note_templates')).rows[0].n;

  it('creates, reads, replaces and deletes a template, with the table’s own columns', async () => {
    const created = await call('POST', BASE, { name: 'Thanks', lines: ['Thank you, {name}.'] });
    expect(created.status).toBe(201);
    const note = await readJson(created);
    expect(note).toEqual({ id: expect.stringMatching(/^[0-9A-Z]{26}$/), name: 'Thanks', jurisdiction: null, lines: ['Thank you, {name}.'], tone: 'plain', createdAt: expect.any(String) });
    expect(created.headers.get('location')).toBe(`${BASE}/${note.id}`);
    expect(await readJson(await call('GET', `${BASE}/${note.id}`))).toEqual(note);
    expect(await readJson(await call('GET', `/api/notes/render/${note.id}`))).toEqual(note);

    const replaced = await readJson(await call('PUT', `${BASE}/${note.id}`, { name: 'Thanks', jurisdiction: 'TX', lines: ['Regards'], tone: 'formal' }));
    expect(replaced).toEqual({ ...note, jurisdiction: 'TX', lines: ['Regards'], tone: 'formal' });
    expect((await pool.query('SELECT template, tone FROM note_templates WHERE id = $1', [note.id])).rows[0]).toEqual({ template: 'Regards', tone: 'formal' });

    expect((await call('DELETE', `${BASE}/${note.id}`)).status).toBe(204);
    await expectError(await call('GET', `${BASE}/${note.id}`), 404, 'not_found');
    expect(await count()).toBe(0);
  });

  it('lists by name, then id, a page at a time, all or one jurisdiction’s', async () => {
    for (const [name, jurisdiction] of [['c', 'TX'], ['a', 'NY'], ['b', 'TX']]) await store.insert({ name, jurisdiction, lines: ['x'], tone: 'plain' });
    const all = await readJson(await call('GET', `${BASE}?limit=2`));
    expect({ ...all, items: all.items.map((n: Note) => n.name) }).toEqual({ items: ['a', 'b'], total: 3, limit: 2, offset: 0 });
    const texas = await readJson(await call('GET', `${BASE}?jurisdiction=TX&offset=1`));
    expect({ ...texas, items: texas.items.map((n: Note) => n.name) }).toEqual({ items: ['c'], total: 2, limit: 20, offset: 1 });
    await pool.query('TRUNCATE note_templates');
  });

  it('refuses a taken name with 409, bad input with 400 and unknown ids with 404, and changes nothing', async () => {
    const kept = await store.insert({ name: 'kept', jurisdiction: null, lines: ['x'], tone: 'plain' });
    const other = await store.insert({ name: 'other', jurisdiction: null, lines: ['y'], tone: 'plain' });
    expect(await expectError(await call('POST', BASE, { name: 'kept', lines: ['z'] }), 409, 'conflict')).toBe('a note template named "kept" already exists');
    await expectError(await call('PUT', `${BASE}/${other.id}`, { name: 'kept', lines: ['z'] }), 409, 'conflict');
    expect(await expectError(await call('POST', BASE, { name: ' ', lines: ['z'] }), 400, 'validation_failed')).toContain('body.name');
    expect(await expectError(await call('POST', BASE, { name: 'n', lines: ['{who}'] }), 400, 'validation_failed')).toContain('unknown placeholder {who}');
    await expectError(await call('GET', `${BASE}?limit=1000`), 400, 'validation_failed');
    await expectError(await call('GET', `${BASE}/not-a-ulid`), 400, 'validation_failed');
    expect(await expectError(await call('PUT', `${BASE}/${UNKNOWN_ID}`, { name: 'n', lines: ['z'] }), 404, 'not_found')).toBe(`note template ${UNKNOWN_ID} not found`);
    await expectError(await call('DELETE', `${BASE}/${UNKNOWN_ID}`), 404, 'not_found');
    await expectError(await call('GET', `/api/notes/render/${UNKNOWN_ID}`), 404, 'not_found');
    expect(await count()).toBe(2);
    expect(await store.find(other.id)).toEqual(other);
    expect(await store.find(kept.id)).toEqual(kept);
  });

  it("keeps each firm's templates apart: names unique per firm, another firm's template answers 404 like a missing one", async () => {
    const firmB = await authHeader('firm-b');
    const asB = (method: string, path: string, body?: unknown) => sendJson(`${service.url}${path}`, method, body, firmB);
    const ours = await store.insert({ name: 'Shared name', jurisdiction: 'TX', lines: ['ours'], tone: 'plain' });
    const theirs = await asB('POST', BASE, { name: 'Shared name', lines: ['theirs'] });
    expect(theirs.status).toBe(201);
    const theirId = (await readJson(theirs)).id;
    expect(await expectError(await asB('POST', BASE, { name: 'Shared name', lines: ['again'] }), 409, 'conflict')).toContain('Shared name');

    expect((await readJson(await asB('GET', BASE))).items.map((n: Note) => n.id)).toEqual([theirId]);
    expect((await readJson(await asB('GET', `${BASE}?jurisdiction=TX`))).total).toBe(0);
    for (const [method, path, body] of [
      ['GET', `${BASE}/${ours.id}`, undefined],
      ['PUT', `${BASE}/${ours.id}`, { name: 'Taken over', lines: ['z'] }],
      ['DELETE', `${BASE}/${ours.id}`, undefined],
      ['GET', `/api/notes/render/${ours.id}`, undefined],
    ] as const) {
      const foreign = await asB(method, path, body);
      const missing = await asB(method, path.replace(ours.id, UNKNOWN_ID), body);
      expect({ method, path, status: foreign.status }).toEqual({ method, path, status: 404 });
      expect((await readJson(foreign)).error.message.replace(ours.id, '<id>')).toBe((await readJson(missing)).error.message.replace(UNKNOWN_ID, '<id>'));
    }
    expect(await store.find(ours.id)).toEqual(ours);
    expect((await pool.query('SELECT tenant_id FROM note_templates WHERE id = $1', [theirId])).rows).toEqual([{ tenant_id: 'firm-b' }]);
    await pool.query('TRUNCATE note_templates');
  });
});
