import { freeStablePorts, isPortFree } from '@factsway/dev-support';
import { platform, services } from '@factsway/service-catalog';
import { localUpdateBucket } from '@factsway/update-path';

/** Where each part listens on 127.0.0.1. */
export interface PortPlan {
  postgres: number;
  updateOrigin: number;
  updateBucket: number;
  sentrySink: number;
  issuer: number;
  /** Keyed by catalog short name. */
  services: Record<string, number>;
}

/** The fixed ports of `npm start`: the catalog's service ports and `platform.localPorts`. */
export function catalogPortPlan(): PortPlan {
  return {
    postgres: platform.localPorts.postgres,
    updateOrigin: platform.localPorts.updateOrigin,
    updateBucket: localUpdateBucket.port,
    sentrySink: platform.localPorts.sentrySink,
    issuer: platform.localPorts.issuer,
    services: Object.fromEntries(services.map((s) => [s.name, s.port])),
  };
}

/**
 * Free ports, so a test run does not collide with a running `npm start`. From below the
 * ephemeral range: the platform restarts services and PostgreSQL on the same ports, and a port
 * from listen(0) could be taken meanwhile by any other process.
 */
export async function freePortPlan(): Promise<PortPlan> {
  const picked = await freeStablePorts(5 + services.length);
  const next = () => picked.shift()!;
  const plan: PortPlan = {
    postgres: next(),
    updateOrigin: next(),
    updateBucket: next(),
    sentrySink: next(),
    issuer: next(),
    services: {},
  };
  for (const s of services) plan.services[s.name] = next();
  return plan;
}

/**
 * Fails before anything starts when a port the platform needs is taken (typically by
 * another `npm start`). PostgreSQL is left out: a running local database is reused.
 */
export async function assertPortsFree(plan: PortPlan): Promise<void> {
  const wanted: [string, number][] = [
    ['update origin', plan.updateOrigin],
    ['update bucket', plan.updateBucket],
    ['Sentry sink', plan.sentrySink],
    ['token issuer', plan.issuer],
    ...Object.entries(plan.services).map(([name, port]): [string, number] => [`${name}-service`, port]),
  ];
  const taken: string[] = [];
  for (const [what, port] of wanted) {
    if (!(await isPortFree(port))) taken.push(`${port} (${what})`);
  }
  if (taken.length > 0) {
    throw new Error(`ports in use on 127.0.0.1: ${taken.join(', ')}. Is another \`npm start\` running? Stop it first.`);
  }
}
