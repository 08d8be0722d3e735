import { SHUTDOWN_DRAIN_SECONDS } from '@factsway/shared-utils';

/**
 * After SIGTERM, shared-utils stops accepting connections and drains in-flight requests
 * for at most this many seconds before closing the database pool.
 */
export { SHUTDOWN_DRAIN_SECONDS };

/**
 * Endpoints are removed asynchronously after a pod starts terminating; sleeping in preStop
 * keeps the pod serving until kube-proxy and the API gateway's Envoy (which sends to pod endpoints
 * directly) have stopped sending to it.
 */
export const PRE_STOP_SLEEP_SECONDS = 5;

/** Room for closing the pool and flushing logs and Sentry after the drain. */
const SHUTDOWN_MARGIN_SECONDS = 5;

/**
 * The kubelet SIGKILLs this long after it starts the preStop hook, which delays SIGTERM:
 * so it covers preStop + drain + margin (shared-utils' own constant counts only drain + margin).
 */
export const TERMINATION_GRACE_PERIOD_SECONDS = PRE_STOP_SLEEP_SECONDS + SHUTDOWN_DRAIN_SECONDS + SHUTDOWN_MARGIN_SECONDS;
