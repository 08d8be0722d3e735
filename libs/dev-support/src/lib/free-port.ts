import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The lowest port the kernel hands out on its own (listen(0) and outgoing connections). */
function ephemeralRangeStart(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32768;
  } catch {
    return 32768;
  }
}

/** Whether 127.0.0.1:port can be listened on right now. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * `count` distinct free ports on 127.0.0.1 from below the kernel's ephemeral range, for servers
 * that leave their port unbound for a while (a restart, a roll, a database stopped on purpose):
 * no other process can take such a port by chance with listen(0) or an outgoing connection,
 * as it can a port from `freePort()`. On a machine whose ephemeral range starts low there is no
 * such guarantee, only free ports.
 */
export async function freeStablePorts(count: number, lowest = 20000): Promise<number[]> {
  const belowEphemeral = ephemeralRangeStart() - 1;
  const highest = belowEphemeral - lowest >= 1000 ? belowEphemeral : 65535;
  const ports = new Set<number>();
  for (let attempt = 0; ports.size < count; attempt++) {
    if (attempt > 1000) throw new Error(`no ${count} free ports between ${lowest} and ${highest}`);
    const candidate = lowest + Math.floor(Math.random() * (highest - lowest + 1));
    if (!ports.has(candidate) && (await isPortFree(candidate))) ports.add(candidate);
  }
  return [...ports];
}
