import type { PortPlan } from './port-plan';

/** One row of the table printed when the platform is up. */
export interface Endpoint {
  name: string;
  url: string;
  version?: string;
  status: string;
}

/** What every component gets; earlier components fill in what later ones need. */
export interface PlatformContext {
  workspaceRoot: string;
  /** Everything the platform writes (`.local` by default): database files, logs, update bucket. */
  dataDir: string;
  /** One log file per process. */
  logsDir: string;
  /** The platform version every service runs. */
  version: string;
  ports: PortPlan;
  logLevel: string;
  readyTimeoutMs: number;
  /** Aborted when the person running the platform gives up (Ctrl-C) while it starts. */
  abortSignal: AbortSignal;
  /** Set by the postgres component. */
  databaseUrl?: string;
  /** Extra environment for every service, e.g. SENTRY_DSN from the Sentry sink. */
  serviceEnv: Record<string, string>;
  /** Progress and events for the person running the platform. */
  report(line: string): void;
}

export interface StartedComponent {
  endpoints: Endpoint[];
  /** Processes this component started (for checks that nothing is left behind). */
  pids(): number[];
  /** The running process of one of its parts, e.g. `facts-service`. */
  pidOf?(name: string): number | undefined;
  stop(): Promise<void>;
}

/**
 * One part of the local platform. Components start in the order of `components/index.ts`
 * and stop in reverse; a component that fails to start stops the ones before it.
 */
export interface PlatformComponent {
  name: string;
  start(context: PlatformContext): Promise<StartedComponent>;
}
