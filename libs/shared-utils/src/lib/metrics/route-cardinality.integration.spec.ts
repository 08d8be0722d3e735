import express from 'express';
import { notFound } from '../errors/http-error';
import { newId } from '../ids/new-id';
import { createService, type RunningService } from '../service/create-service';
import { authEnv, authorizedFetch } from '../../testing/test-auth';

/** Every request of this spec carries a valid token, unless it sets its own authorization. */
const fetch = authorizedFetch;

async function inParallel<T>(width: number, items: T[], run: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]);
  };
  await Promise.all(Array.from({ length: width }, worker));
}

function seriesOf(metricsText: string, metric: string): string[] {
  return metricsText.split('\n').filter((line) => line.startsWith(`${metric}{`));
}

describe('route labels', () => {
  let running: RunningService;

  beforeAll(async () => {
    running = await createService({
      name: 'export',
      env: { ...(await authEnv()), APP_VERSION: '1.2.3', LOG_LEVEL: 'silent' },
      routes(router) {
        router.get('/api/cases/:id', (req, res) => res.json({ id: req.params['id'] }));
        const drafts = express.Router();
        drafts.get('/:id', () => {
          throw notFound('No such draft');
        });
        drafts.get('/:id/versions/:version', (req, res) => res.json(req.params));
        router.use('/api/drafts', drafts);
      },
    }).listen(0);
  });

  afterAll(() => running.close());

  async function metrics(): Promise<string> {
    return (await fetch(`${running.url}/metrics`)).text();
  }

  it('stay bounded when 1000 distinct ids and 200 unknown paths are requested', async () => {
    const paths = [
      ...Array.from({ length: 1000 }, () => `/api/cases/${newId()}`),
      ...Array.from({ length: 200 }, (_, i) => `/no/such/path/${i}`),
    ];
    await inParallel(50, paths, (path) => fetch(running.url + path).then((r) => r.arrayBuffer()));
    const text = await metrics();
    const requestSeries = seriesOf(text, 'http_requests_total');
    expect(requestSeries).toContainEqual(expect.stringMatching(/route="\/api\/cases\/:id",status="200".* 1000$/));
    expect(requestSeries).toContainEqual(expect.stringMatching(/route="unmatched",status="404".* 200$/));
    // cases 200 + unmatched 404 (+ nothing else yet): no series per id or per path.
    expect(requestSeries.length).toBeLessThanOrEqual(3);
    expect(text).not.toMatch(/route="\/api\/cases\/[0-9A-Z]{26}"/);
    expect(text).not.toContain('/no/such/path');
    const bucketSeries = seriesOf(text, 'http_request_duration_seconds_bucket');
    expect(bucketSeries.length).toBeLessThanOrEqual(3 * 13);
  });

  it('keep the mount prefix of nested routers, also when the route throws', async () => {
    expect((await fetch(`${running.url}/api/drafts/${newId()}`)).status).toBe(404);
    expect((await fetch(`${running.url}/api/drafts/${newId()}/versions/3`)).status).toBe(200);
    const text = await metrics();
    expect(text).toContain('http_requests_total{method="GET",route="/api/drafts/:id",status="404"');
    expect(text).toContain('http_requests_total{method="GET",route="/api/drafts/:id/versions/:version",status="200"');
  });
});
