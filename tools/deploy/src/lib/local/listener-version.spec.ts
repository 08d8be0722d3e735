import { freePort } from '@factsway/dev-support';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { listenerVersion } from './listener-version';

describe('listenerVersion (who holds a port during a roll)', () => {
  let server: Server;
  let body = '';
  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  const port = () => (server.address() as AddressInfo).port;

  it('reads the version from /health', async () => {
    body = JSON.stringify({ status: 'ok', version: '1.4.0' });
    await expect(listenerVersion(port())).resolves.toBe('1.4.0');
  });

  it('answers undefined for a body it cannot read', async () => {
    body = 'not json';
    await expect(listenerVersion(port())).resolves.toBeUndefined();
  });

  it('answers refused when nothing listens', async () => {
    await expect(listenerVersion(await freePort())).resolves.toBe('refused');
  });
});
