import { freePort } from '@factsway/dev-support';
import { createServer } from 'node:http';
import { startHttpLoad } from './http-load';

describe('drill HTTP load', () => {
  it('counts failures per target, sends a target\'s headers and names the socket error behind "fetch failed"', async () => {
    // Answers 401 to a request without the header a real /api route needs.
    const server = createServer((req, res) => {
      if (req.url === '/api' && req.headers['authorization'] !== 'Bearer t') res.statusCode = 401;
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const up = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    const down = `http://127.0.0.1:${await freePort()}/`;
    try {
      const load = startHttpLoad({ up, down, api: { url: `${up}api`, headers: { authorization: 'Bearer t' } } }, 2, 5);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const report = await load.stop();
      expect(report.requests).toBeGreaterThan(report.failures.length);
      expect(report.failures.length).toBeGreaterThan(0);
      expect(new Set(report.failures.map((failure) => failure.target))).toEqual(new Set(['down']));
      expect(report.failures[0].error).toBe('fetch failed: ECONNREFUSED connect ECONNREFUSED ' + down.slice('http://'.length, -1));
      expect(report.longestOutageMs['up']).toBe(0);
      expect(report.longestOutageMs['api']).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
