import { createServer } from 'node:net';

/**
 * A port the kernel just handed out on 127.0.0.1. Prometheus and Alertmanager do not
 * report the port they bound for `:0`, so they are given one picked this way.
 */
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
