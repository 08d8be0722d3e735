import { createService } from './create-service';
import { setDefaultErrorReporting } from './error-reporting';
import { authEnv, authorizedFetch } from '../../testing/test-auth';

/** Every request of this spec carries a valid token, unless it sets its own authorization. */
const fetch = authorizedFetch;

describe('setDefaultErrorReporting', () => {
  afterEach(() => setDefaultErrorReporting(undefined));

  it('installs the hook in every service created afterwards, after its routes', async () => {
    const seen: string[] = [];
    setDefaultErrorReporting((app, context) => {
      app.use((error: Error, _req: unknown, _res: unknown, next: (e: unknown) => void) => {
        seen.push(`${context.config.serviceId}: ${error.message}`);
        next(error);
      });
    });
    const running = await createService({
      name: 'export',
      env: { ...(await authEnv()), APP_VERSION: '1.0.0', LOG_LEVEL: 'silent' },
      routes(router) {
        router.get('/api/fail', () => {
          throw new Error('kaput');
        });
      },
    }).listen(0);
    try {
      expect((await fetch(`${running.url}/api/fail`)).status).toBe(500);
      expect(seen).toEqual(['export-service: kaput']);
    } finally {
      await running.close();
    }
  });

  it('is overridden by the errorReporting option', async () => {
    const fromDefault: unknown[] = [];
    const fromOption: unknown[] = [];
    setDefaultErrorReporting((app) => app.use((e: unknown, _q: unknown, _s: unknown, n: (e: unknown) => void) => (fromDefault.push(e), n(e))));
    const running = await createService({
      name: 'export',
      env: { ...(await authEnv()), APP_VERSION: '1.0.0', LOG_LEVEL: 'silent' },
      errorReporting: (app) => app.use((e: unknown, _q: unknown, _s: unknown, n: (e: unknown) => void) => (fromOption.push(e), n(e))),
      routes() {
        /* no routes: everything is a 404 */
      },
    }).listen(0);
    try {
      expect((await fetch(`${running.url}/missing`)).status).toBe(404);
      expect(fromOption).toHaveLength(1);
      expect(fromDefault).toHaveLength(0);
    } finally {
      await running.close();
    }
  });
});
