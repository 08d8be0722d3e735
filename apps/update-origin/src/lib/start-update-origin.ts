import { platform } from '@factsway/service-catalog';
import { createUpdateS3Client, S3Target } from '@factsway/release';
import { once } from 'node:events';
import { AddressInfo } from 'node:net';
import pino, { Logger } from 'pino';
import { createOriginMetrics } from './origin-metrics';
import { createUpdateOriginApp } from './update-origin-app';

export interface UpdateOriginOptions {
  /** The bucket to serve: `startLocalBucket(...).target` locally, or any S3 bucket. */
  bucket: S3Target;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default `platform.localPorts.updateOrigin` (3100); 0 picks a free port. */
  port?: number;
  /** JSON log lines go here; default a pino logger on stdout at LOG_LEVEL or `info`. */
  logger?: Logger;
}

export interface RunningUpdateOrigin {
  /** Base URL electron-updater's generic provider points at, e.g. http://127.0.0.1:3100/ */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startUpdateOrigin(options: UpdateOriginOptions): Promise<RunningUpdateOrigin> {
  const host = options.host ?? '127.0.0.1';
  const logger =
    options.logger ?? pino({ name: 'update-origin', level: process.env['LOG_LEVEL'] ?? 'info', base: { service: 'update-origin' } });
  const s3 = createUpdateS3Client(options.bucket);
  const app = createUpdateOriginApp({ s3, bucket: options.bucket.bucket, logger, metrics: createOriginMetrics() });

  const server = app.listen(options.port ?? platform.localPorts.updateOrigin, host);
  await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error))]);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}/`;
  logger.info({ url, bucket: options.bucket.bucket, endpoint: options.bucket.endpoint ?? 'aws' }, 'update origin listening');

  return {
    url,
    port,
    close: async () => {
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      server.closeAllConnections();
      await closed;
      s3.destroy();
    },
  };
}
