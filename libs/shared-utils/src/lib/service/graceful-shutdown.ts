import type { Server } from 'node:http';
import { Server as NetServer } from 'node:net';
import type { ConnectionIdleness } from '../http-core/connection-idleness';

/**
 * Longest wait for in-flight requests after SIGTERM before open connections are cut.
 * Kubernetes' terminationGracePeriodSeconds is derived from it (infra/kubernetes: preStop
 * sleep + this drain + a margin for closing the pool and flushing logs).
 */
export const SHUTDOWN_DRAIN_SECONDS = 10;

/**
 * During a drain, a keep-alive connection with no request in progress is closed once it has been
 * idle this long. A client still using it sends its next request sooner and gets the answer with
 * `Connection: close`, so the server never closes a connection under a request being written
 * (docs/adr/005). One that has been idle longer (e.g. since before the preStop sleep) goes at once.
 */
export const DRAIN_IDLE_GRACE_MS = 2000;

export interface DrainResult {
  /** True when every connection finished on its own within the drain time. */
  drained: boolean;
}

/** How often a draining server looks for connections idle for the grace time. */
const IDLE_SWEEP_MS = 50;

/**
 * Stops accepting connections, lets active requests finish, closes each keep-alive connection
 * once it has been idle for `idleGraceMs` (responses during the drain carry `Connection: close`,
 * so a client in use closes it itself after its next answer), and after `drainMs` cuts whatever
 * is still open.
 */
export function drainServer(
  server: Server,
  idleness: ConnectionIdleness,
  drainMs: number,
  idleGraceMs = DRAIN_IDLE_GRACE_MS,
): Promise<DrainResult> {
  return new Promise((resolve) => {
    let timedOut = false;
    const sweep = setInterval(() => idleness.closeIdleFor(idleGraceMs), IDLE_SWEEP_MS);
    const timer = setTimeout(() => {
      timedOut = true;
      idleness.closeAll();
    }, drainMs);
    // net's close, not http's: http.Server#close also closes every idle connection at once.
    NetServer.prototype.close.call(server, () => {
      clearInterval(sweep);
      clearTimeout(timer);
      resolve({ drained: !timedOut });
    });
    idleness.closeIdleFor(idleGraceMs);
  });
}
