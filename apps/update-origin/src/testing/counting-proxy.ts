import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  method: string;
  /** The bucket path, e.g. /updates/latest.yml */
  path: string;
  headers: IncomingHttpHeaders;
}

export interface CountingProxy {
  /** Point an S3 client here instead of at the bucket's endpoint. */
  endpoint: string;
  /** Every request passed on to the bucket, oldest first. */
  requests: ProxiedRequest[];
  /** The requests for one key of one bucket. */
  requestsFor(bucket: string, key: string): ProxiedRequest[];
  stop(): Promise<void>;
}

/**
 * A plain HTTP proxy in front of a real S3 API that records each request it passes on, to see
 * how often and how the origin asks its bucket. Headers go through untouched, so SigV4
 * signatures still verify.
 */
export async function startCountingProxy(bucketEndpoint: string): Promise<CountingProxy> {
  const target = new URL(bucketEndpoint);
  const requests: ProxiedRequest[] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', path: (req.url ?? '').split('?')[0], headers: req.headers });
    const upstream = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    requestsFor: (bucket, key) => requests.filter((r) => r.path === `/${bucket}/${key}`),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
