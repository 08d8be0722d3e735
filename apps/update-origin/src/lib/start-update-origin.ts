import { platform, platformVersion } from '@factsway/service-catalog';
import { createHttpCore, createLogger, type LogLevel } from '@factsway/shared-utils';
import { createUpdateS3Client, S3Target } from '@factsway/update-path';
import type { Logger } from 'pino';
import { bucketReadiness } from './bucket-readiness';
import { ManifestCache } from './manifest-cache';
import { createOriginMetrics } from './origin-metrics';
import { registerUpdateOriginRoutes } from './update-origin-routes';

export interface UpdateOriginOptions {
  /** The bucket to serve: `startLocalBucket(...).target` locally, or any S3 bucket. */
  bucket: S3Target;
  /** The bucket to fail over to when the primary fails a request (CloudFront's origin group). */
  secondaryBucket?: S3Target;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default `platform.localPorts.updateOrigin` (3100); 0 picks a free port. */
  port?: number;
  /** JSON log lines go here; default JSON lines on stdout at LOG_LEVEL or `info`. */
  logger?: Logger;
  /** Longest wait for downloads in flight on `close()`; default SHUTDOWN_DRAIN_SECONDS. */
  drainTimeoutMs?: number;
  /**
   * How long an idle keep-alive connection may stay during the drain (default the services' 2 s,
   * for a port handoff); tools that start an origin per check and close it at once pass 0.
   */
  drainIdleGraceMs?: number;
  /**
   * How long a manifest held in memory is served before the bucket is asked again (a conditional
   * GET); default 1000. 0 asks the bucket on every request.
   */
  manifestRevalidateMs?: number;
}

export interface RunningUpdateOrigin {
  /** Base URL electron-updater's generic provider points at, e.g. http://127.0.0.1:3100/ */
  url: string;
  port: number;
  /** Drains downloads in flight, then closes the bucket client. */
  close(): Promise<void>;
}

const serviceId = 'update-origin';
/** Short enough that a publish is seen within a second, long enough that a busy origin asks the bucket once a second per manifest. */
const defaultManifestRevalidateMs = 1000;

/** The local update origin on the shared HTTP core: request ids, /health, /ready (bucket), /metrics, errors, drain. */
export async function startUpdateOrigin(options: UpdateOriginOptions): Promise<RunningUpdateOrigin> {
  const version = platformVersion();
  const logger =
    options.logger ?? createLogger({ serviceId, version, level: (process.env['LOG_LEVEL'] ?? 'info') as LogLevel });
  const revalidateMs = options.manifestRevalidateMs ?? defaultManifestRevalidateMs;
  if (!Number.isFinite(revalidateMs) || revalidateMs < 0) throw new Error(`manifestRevalidateMs must be 0 or more, not ${revalidateMs}`);
  const buckets = [options.bucket, ...(options.secondaryBucket ? [options.secondaryBucket] : [])].map((target) => {
    const origin = { s3: createUpdateS3Client(target), bucket: target.bucket };
    return { ...origin, manifests: new ManifestCache(origin, { revalidateMs }) };
  });
  const destroyClients = () => buckets.forEach(({ s3 }) => s3.destroy());
  const bucket = options.bucket.bucket;
  const metrics = createOriginMetrics();
  const core = createHttpCore({
    serviceId,
    version,
    logger,
    registry: metrics.registry,
    readiness: bucketReadiness(buckets, logger),
    // Read-only: a body is never read, so a PUT gets its 405 whatever it carries.
    jsonBody: false,
    routes: (router) => registerUpdateOriginRoutes(router, { buckets, logger, metrics }),
    drainTimeoutMs: options.drainTimeoutMs,
    drainIdleGraceMs: options.drainIdleGraceMs,
    onDrained: async () => destroyClients(),
  });
  // The bucket's ETag is the one clients revalidate against; Express must not add its own.
  core.app.disable('etag');

  try {
    const running = await core.listen(options.port ?? platform.localPorts.updateOrigin, options.host ?? '127.0.0.1', {
      bucket,
      endpoint: options.bucket.endpoint ?? 'aws',
      ...(options.secondaryBucket && {
        secondaryBucket: options.secondaryBucket.bucket,
        secondaryEndpoint: options.secondaryBucket.endpoint ?? 'aws',
      }),
    });
    return { url: `${running.url}/`, port: running.port, close: running.close };
  } catch (error) {
    destroyClients();
    throw error;
  }
}
