import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { flushLogger } from '../logging/create-logger';
import { drainServer } from '../service/graceful-shutdown';
import { ConnectionIdleness } from './connection-idleness';

export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export interface RunningService {
  /** `http://127.0.0.1:<port>` (the bound address). */
  url: string;
  port: number;
  server: Server;
  /**
   * Graceful stop: readiness fails, no new connections, in-flight requests finish
   * (bounded by the drain time), keep-alive connections close (after an answer with
   * `Connection: close`, or once idle for `DRAIN_IDLE_GRACE_MS`), then `onDrained` runs
   * (a service closes its pool there) and the logs flush.
   */
  close(): Promise<void>;
}

export interface ListenHttpCoreOptions {
  port: number;
  host: string;
  logger: Logger;
  serviceId: string;
  logFields: Record<string, unknown>;
  drainMs: number;
  drainIdleGraceMs?: number;
  /** Turns `/ready` to 503 and asks keep-alive clients to reconnect elsewhere. */
  startDraining: () => void;
  onDrained?: () => Promise<void>;
}

/** Listens, and returns the one `close()` that drains the server (idempotent). */
export async function listenHttpCore(app: Express, options: ListenHttpCoreOptions): Promise<RunningService> {
  const { logger } = options;
  const server = app.listen(options.port, options.host);
  const idleness = new ConnectionIdleness(server);
  // Outlive the idle timeout of proxies in front (the API gateway's Envoy closes idle upstream
  // connections after 60 s): if Node closed first, a request racing the close would fail with a 502.
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1000;
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
  logger.info({ url, host: options.host, port: address.port, ...options.logFields }, `${options.serviceId} listening`);

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      options.startDraining();
      logger.info({ drainSeconds: options.drainMs / 1000 }, 'shutting down: draining in-flight requests');
      const { drained } = await drainServer(server, idleness, options.drainMs, options.drainIdleGraceMs);
      if (!drained) logger.warn('drain time elapsed: remaining connections were closed');
      await options.onDrained?.();
      logger.info('shutdown complete');
      await flushLogger(logger);
    })();
    return closing;
  };
  return { url, port: address.port, server, close };
}
