import { freePort } from '@factsway/dev-support';
import { LogCapture } from '../../testing/log-capture';
import { newId } from '../ids/new-id';
import { createService, type RunningService } from '../service/create-service';
import { createPeerClient } from './peer-client';
import { PeerFailedError } from './peer-errors';
import { authEnv, authorizedFetch, bearer } from '../../testing/test-auth';

/** Every request of this spec carries a valid token, unless it sets its own authorization. */
const fetch = authorizedFetch;

describe('peer calls over real HTTP', () => {
  const peerLogs = new LogCapture();
  let records: RunningService;
  let caseblock: RunningService;
  let caseblockToNowhere: RunningService;

  beforeAll(async () => {
    // A real records-service stand-in (no database needed for these routes).
    records = await createService({
      name: 'records',
      requiresDatabase: false,
      env: { ...(await authEnv()), APP_VERSION: '1.0.0' },
      logDestination: peerLogs,
      routes(router) {
        router.get('/api/cases/:id', (req, res) => {
          if (req.params['id'] === 'missing') {
            res.status(404).json({ error: { code: 'not_found', message: 'No case', requestId: req.id } });
            return;
          }
          res.json({ id: req.params['id'], caption: 'Doe v. Roe' });
        });
        router.post('/api/echo', (req, res) => res.status(201).json({ received: req.body }));
        router.get('/api/broken', () => {
          throw new Error('records is broken');
        });
        router.get('/api/slow', async (_req, res) => {
          await new Promise((resolve) => setTimeout(resolve, 1500));
          res.json({});
        });
      },
    }).listen(0);

    const callerRoutes = (router: import('express').Router, { peers }: import('../service/service-context').ServiceContext) => {
      router.get('/api/caseblock/:id', async (req, res) => {
        const found = await peers.request<{ caption: string }>('records', `/api/cases/${req.params['id']}`, { timeoutMs: 500 });
        res.status(found.status === 404 ? 404 : 200).json({ peerStatus: found.status, body: found.body });
      });
      router.post('/api/caseblock/echo', async (req, res) => {
        const echoed = await peers.request('records', '/api/echo', { method: 'POST', body: req.body });
        res.json(echoed.body);
      });
      router.get('/api/caseblock-broken', async (_req, res) => {
        await peers.request('records', '/api/broken');
        res.json({});
      });
      router.get('/api/caseblock-slow', async (_req, res) => {
        await peers.request('records', '/api/slow', { timeoutMs: 200 });
        res.json({});
      });
    };
    caseblock = await createService({
      name: 'caseblock',
      requiresDatabase: false,
      env: { ...(await authEnv()), APP_VERSION: '1.0.0', LOG_LEVEL: 'silent', RECORDS_SERVICE_URL: `${records.url}/` },
      routes: callerRoutes,
    }).listen(0);
    caseblockToNowhere = await createService({
      name: 'caseblock',
      requiresDatabase: false,
      env: { ...(await authEnv()), APP_VERSION: '1.0.0', LOG_LEVEL: 'silent', RECORDS_SERVICE_URL: `http://127.0.0.1:${await freePort()}` },
      routes: callerRoutes,
    }).listen(0);
  });

  afterAll(async () => {
    await Promise.all([caseblock?.close(), caseblockToNowhere?.close(), records?.close()]);
  });

  it('returns the peer answer and propagates the request id', async () => {
    const id = newId();
    const response = await fetch(`${caseblock.url}/api/caseblock/${id}`, { headers: { 'x-request-id': 'caller-req-1' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ peerStatus: 200, body: { id, caption: 'Doe v. Roe' } });
    const peerLine = peerLogs.lines.find((l) => l['route'] === '/api/cases/:id' && l['url'] === `/api/cases/${id}`);
    expect(peerLine?.['requestId']).toBe('caller-req-1');
  });

  it('hands a peer 4xx back to the caller to decide', async () => {
    const response = await fetch(`${caseblock.url}/api/caseblock/missing`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ peerStatus: 404, body: { error: { code: 'not_found' } } });
  });

  it('sends JSON bodies', async () => {
    const response = await fetch(`${caseblock.url}/api/caseblock/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ party: 'Doe' }),
    });
    expect(await response.json()).toEqual({ received: { party: 'Doe' } });
  });

  it('turns a peer 5xx into 502 peer_failed', async () => {
    const response = await fetch(`${caseblock.url}/api/caseblock-broken`);
    expect(response.status).toBe(502);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('peer_failed');
  });

  it('turns a peer timeout into 503 peer_unavailable', async () => {
    const response = await fetch(`${caseblock.url}/api/caseblock-slow`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('peer_unavailable');
    expect(body.error.message).toContain('no answer within 200 ms');
  });

  it('turns a refused connection into 503 peer_unavailable', async () => {
    const response = await fetch(`${caseblockToNowhere.url}/api/caseblock/${newId()}`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({ code: 'peer_unavailable', message: expect.stringContaining('ECONNREFUSED') });
  });

  it('refuses to call a service that is not a catalog peer', async () => {
    const peers = createPeerClient({ records: records.url });
    await expect(peers.request('facts', '/api/facts')).rejects.toThrow(/"facts" is not a catalog peer/);
    await expect(peers.request('records', '/api/broken', { headers: await bearer() })).rejects.toBeInstanceOf(PeerFailedError);
  });
});
