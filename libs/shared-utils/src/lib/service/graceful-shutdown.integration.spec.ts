import { request as httpRequest, Agent } from 'node:http';
import { LogCapture } from '../../testing/log-capture';
import { authEnv, bearer } from '../../testing/test-auth';
import { createService, type RunningService } from './create-service';

let env: Record<string, string> = {};
beforeAll(async () => {
  env = { APP_VERSION: '1.2.3', ...(await authEnv()) };
});

async function get(url: string, agent?: Agent): Promise<{ status: number; body: string; connection?: string }> {
  const headers = await bearer();
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('graceful shutdown', () => {
  function slowService(drainTimeoutMs?: number) {
    let requestArrived!: () => void;
    const arrived = new Promise<void>((resolve) => (requestArrived = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const logs = new LogCapture();
    const service = createService({
      name: 'export',
      env,
      logDestination: logs,
      drainTimeoutMs,
      routes(router) {
        router.get('/api/slow', async (_req, res) => {
          requestArrived();
          await released;
          res.json({ finished: true });
        });
      },
    });
    return { service, arrived, release, logs };
  }

  it('lets the in-flight request finish, refuses new connections, then resolves close', async () => {
    const { service, arrived, release, logs } = slowService();
    const running: RunningService = await service.listen(0);
    // Without active closing, a kept-alive connection would hold close() open this long.
    running.server.keepAliveTimeout = 10 * 60_000;
    const keepAlive = new Agent({ keepAlive: true });
    // An idle keep-alive connection must not hold shutdown open.
    expect((await get(`${running.url}/health`, keepAlive)).status).toBe(200);

    const inFlight = get(`${running.url}/api/slow`, keepAlive);
    await arrived;

    let closed = false;
    const closing = running.close().then(() => (closed = true));

    await expect(get(`${running.url}/health`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(closed).toBe(false);

    release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ finished: true });

    await closing;
    expect(closed).toBe(true);
    expect(running.server.listening).toBe(false);
    expect(logs.lines.map((l) => l['msg'])).toEqual(
      expect.arrayContaining(['shutting down: draining in-flight requests', 'shutdown complete']),
    );
    keepAlive.destroy();
  });

  it('cuts a request that outlives the drain time, and still resolves', async () => {
    const { service, arrived, release, logs } = slowService(200);
    const running = await service.listen(0);
    const inFlight = get(`${running.url}/api/slow`);
    await arrived;
    await running.close();
    await expect(inFlight).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(logs.lines.some((l) => l['msg'] === 'drain time elapsed: remaining connections were closed')).toBe(true);
    release();
  });

  it('closes a kept-alive connection in use only after an answer that says Connection: close, never under a request', async () => {
    const service = createService({ name: 'export', env, logDestination: new LogCapture(), routes: () => undefined });
    const running = await service.listen(0);
    const clients = Array.from({ length: 20 }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
    let closing: Promise<void> | undefined;
    const errors: string[] = [];
    // Each client sends back to back on its one connection until it is told to close it: the
    // moment the drain starts, some are writing their next request.
    const loops = clients.map(async (agent, index) => {
      for (let sent = 0; ; sent++) {
        if (index === 0 && sent === 50) closing = running.close();
        try {
          const response = await get(`${running.url}/health`, agent);
          if (response.connection === 'close') return;
        } catch (error) {
          errors.push((error as NodeJS.ErrnoException).code ?? String(error));
          return;
        }
      }
    });
    await Promise.all(loops);
    await closing;
    expect(errors).toEqual([]);
    for (const agent of clients) agent.destroy();
  });
});
