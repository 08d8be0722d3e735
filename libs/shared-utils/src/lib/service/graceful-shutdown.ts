import type { Server } from 'node:http';

/**
 * Longest wait for in-flight requests after SIGTERM before open connections are cut.
 * Kubernetes' terminationGracePeriodSeconds must exceed it: see TERMINATION_GRACE_PERIOD_SECONDS.
 */
export const SHUTDOWN_DRAIN_SECONDS = 10;

/** Drain, plus time to close the pool and flush logs, before Kubernetes sends SIGKILL. */
export const TERMINATION_GRACE_PERIOD_SECONDS = SHUTDOWN_DRAIN_SECONDS + 5;

export interface DrainResult {
  /** True when every connection finished on its own within the drain time. */
  drained: boolean;
}

/**
 * Stops accepting connections, closes idle keep-alive connections, lets active requests
 * finish (their responses carry `Connection: close`, set by the caller's middleware) and
 * after `drainMs` cuts whatever is still open.
 */
export function drainServer(server: Server, drainMs: number): Promise<DrainResult> {
  return new Promise((resolve) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      server.closeAllConnections();
    }, drainMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve({ drained: !timedOut });
    });
    server.closeIdleConnections();
  });
}
