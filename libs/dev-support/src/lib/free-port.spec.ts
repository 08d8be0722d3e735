import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { freePort, freeStablePorts } from './free-port';

const listenOn = (port: number) =>
  new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });

describe('free ports', () => {
  it('freePort returns a port that can be listened on', async () => {
    await expect(listenOn(await freePort())).resolves.toBeUndefined();
  });

  it('freeStablePorts returns distinct free ports below the ephemeral range', async () => {
    const ephemeralStart = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    const ports = await freeStablePorts(12);
    expect(new Set(ports).size).toBe(12);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20000);
      expect(port).toBeLessThan(ephemeralStart);
      await listenOn(port);
    }
  });
});
