import { freePort } from '@factsway/dev-support';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { probeListener, watchPort } from './listener-probe';

describe('probeListener and watchPort (who holds a port during a handoff)', () => {
  let server: Server;
  let health = '';
  let readyStatus = 200;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/ready') res.writeHead(readyStatus, { 'content-type': 'application/json' }).end('{}');
      else res.writeHead(200, { 'content-type': 'application/json' }).end(health);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const port = () => (server.address() as AddressInfo).port;

  it('reads the version from /health and readiness from /ready of one connection', async () => {
    health = JSON.stringify({ status: 'ok', version: '1.4.0' });
    readyStatus = 200;
    await expect(probeListener(port())).resolves.toEqual({ state: 'serving', version: '1.4.0', ready: true });
    readyStatus = 503;
    await expect(probeListener(port())).resolves.toEqual({ state: 'serving', version: '1.4.0', ready: false });
  });

  it('answers unknown for a /health body it cannot read', async () => {
    health = 'not json';
    await expect(probeListener(port())).resolves.toMatchObject({ state: 'unknown' });
  });

  it('answers refused when nothing listens, and the watch counts the refusals', async () => {
    const closed = await freePort();
    await expect(probeListener(closed)).resolves.toEqual({ state: 'refused' });
    const watch = watchPort(closed, 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const seen = await watch.stop();
    expect(seen.refused).toBe(seen.connects);
    expect(seen.refused).toBeGreaterThan(0);
    const open = watchPort(port(), 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await open.stop()).toMatchObject({ refused: 0, longestRefusedMs: 0 });
  });
});
