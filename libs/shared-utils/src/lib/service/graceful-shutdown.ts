import type { Server } from 'node:http';

/**
 * Longest wait for in-flight requests after SIGTERM before open connections are cut.
 * Kubernetes' terminationGracePeriodSeconds is derived from it (infra/kubernetes: preStop
 * sleep + this drain + a margin for closing the pool and flushing logs).
 */
export const SHUTDOWN_DRAIN_SECONDS = 10;

export interface DrainResult {
  /** True when every connection finished on its own within the drain time. */
  drained: boolean;
}

/** How often a draining server closes connections that went idle after their last response. */
const IDLE_SWEEP_MS = 50;

/**
 * Stops accepting connections, lets active requests finish, closes each keep-alive
 * connection as soon as it is idle (Node only closes the idle ones once, at `close()`),
 * and after `drainMs` cuts whatever is still open.
 */
export function drainServer(server: Server, drainMs: number): Promise<DrainResult> {
  return new Promise((resolve) => {
    let timedOut = false;
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    const timer = setTimeout(() => {
      timedOut = true;
      server.closeAllConnections();
    }, drainMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(timer);
      resolve({ drained: !timedOut });
    });
    server.closeIdleConnections();
  });
}
