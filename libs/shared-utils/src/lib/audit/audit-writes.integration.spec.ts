import { z } from 'zod';
import { LogCapture } from '../../testing/log-capture';
import { authEnv, bearer } from '../../testing/test-auth';
import { createService, type RunningService } from '../service/create-service';
import { auditResource } from './audit-resource';

const SECRET = 'Privileged: client admitted liability';

describe('audit trail of writes', () => {
  const logs = new LogCapture();
  let running: RunningService;

  beforeAll(async () => {
    const service = createService({
      name: 'export',
      env: { APP_VERSION: '1.2.3', LOG_LEVEL: 'error', ...(await authEnv()) },
      logDestination: logs,
      routes(router) {
        router.post('/api/notes', (req, res) => {
          const { text } = z.object({ text: z.string().min(1) }).parse(req.body);
          res.status(201).json({ id: 'note-1', text });
        });
        router.patch('/api/notes/:id', (req, res) => res.json({ id: req.params['id'], text: SECRET }));
        router.delete('/api/notes/:id', (_req, res) => res.status(204).end());
        router.post('/api/notes/:id/restore', (req, res) => res.json({ id: req.params['id'] }));
        router.get('/api/notes/:id', (req, res) => res.json({ id: req.params['id'], text: SECRET }));
      },
    });
    running = await service.listen(0);
  });
  afterAll(() => running.close());

  const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${running.url}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const auditLines = () => logs.lines.filter((line) => line['msg'] === 'audit');

  it('logs one record per write with who, what and the outcome, never the content, even at LOG_LEVEL=error', async () => {
    const firmB = await bearer('firm-b');
    expect((await send('POST', '/api/notes', { text: SECRET }, firmB)).status).toBe(201);
    expect((await send('PATCH', '/api/notes/note-1', { text: SECRET }, firmB)).status).toBe(200);
    expect((await send('DELETE', '/api/notes/note-1', undefined, firmB)).status).toBe(204);
    expect((await send('POST', '/api/notes/note-1/restore', undefined, firmB)).status).toBe(200);
    expect((await send('POST', '/api/notes', { text: '' }, firmB)).status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 50));

    const records = auditLines().map((line) => line['audit']);
    expect(records).toEqual([
      { tenant: 'firm-b', subject: 'user@firm-b', service: 'export-service', action: 'create', resourceType: 'notes', resourceId: 'note-1', requestId: expect.any(String), status: 201, outcome: 'succeeded' },
      { tenant: 'firm-b', subject: 'user@firm-b', service: 'export-service', action: 'change', resourceType: 'notes', resourceId: 'note-1', requestId: expect.any(String), status: 200, outcome: 'succeeded' },
      { tenant: 'firm-b', subject: 'user@firm-b', service: 'export-service', action: 'delete', resourceType: 'notes', resourceId: 'note-1', requestId: expect.any(String), status: 204, outcome: 'succeeded' },
      { tenant: 'firm-b', subject: 'user@firm-b', service: 'export-service', action: 'restore', resourceType: 'notes', resourceId: 'note-1', requestId: expect.any(String), status: 200, outcome: 'succeeded' },
      { tenant: 'firm-b', subject: 'user@firm-b', service: 'export-service', action: 'create', resourceType: 'notes', requestId: expect.any(String), status: 400, outcome: 'rejected' },
    ]);
    for (const line of auditLines()) expect(typeof line['time']).toBe('string');
    expect(JSON.stringify(auditLines())).not.toContain('liability');
  });

  it('logs nothing for reads and for requests refused before authentication', async () => {
    const before = auditLines().length;
    expect((await send('GET', '/api/notes/note-1', undefined, await bearer())).status).toBe(200);
    expect((await send('POST', '/api/notes', { text: 'x' })).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(auditLines().length).toBe(before);
  });
});

describe('auditResource', () => {
  it('reads the resource from the route, the id from the path or the created answer', () => {
    expect(auditResource('POST', '/api/cases', '/api/cases', '01ABC')).toEqual({ action: 'create', resourceType: 'cases', resourceId: '01ABC' });
    expect(auditResource('PUT', '/api/drafts/:id/versions/:version', '/api/drafts/d1/versions/3')).toEqual({ action: 'change', resourceType: 'versions', resourceId: '3' });
    expect(auditResource('DELETE', '/api/evidence/:id', '/api/evidence/a%2Fb')).toEqual({ action: 'delete', resourceType: 'evidence', resourceId: 'a/b' });
    expect(auditResource('POST', '/api/drafts/:id/versions', '/api/drafts/d1/versions')).toEqual({ action: 'create', resourceType: 'versions', resourceId: undefined });
  });
});
