import { findWorkspaceRoot } from '@factsway/dev-support';
import { platformVersion } from '@factsway/service-catalog';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { platformComponents } from './components';
import { Endpoint, PlatformComponent, PlatformContext, StartedComponent } from './platform-component';
import { assertPortsFree, catalogPortPlan, freePortPlan, PortPlan } from './port-plan';

export interface LocalPlatformOptions {
  /** Default: the workspace this code lives in. */
  workspaceRoot?: string;
  /** Where data and logs go. Default `<workspaceRoot>/.local` (git-ignored); tests pass a temp dir. */
  dataDir?: string;
  /** `catalog` (default): the catalog's ports; `free`: ports the OS picks, for tests; or an explicit plan. */
  ports?: 'catalog' | 'free' | PortPlan;
  /** Services' LOG_LEVEL. Default `info`. */
  logLevel?: string;
  /** How long services get to answer /ready. Default 60 s. */
  readyTimeoutMs?: number;
  /** Progress and events (restarts). Default: stdout. */
  report?: (line: string) => void;
  /** Abort while starting (e.g. Ctrl-C): what started is stopped and the promise rejects. */
  signal?: AbortSignal;
  /** Default: `platformComponents`. */
  components?: readonly PlatformComponent[];
}

export interface LocalPlatform {
  version: string;
  dataDir: string;
  logsDir: string;
  ports: PortPlan;
  databaseUrl?: string;
  /** Every row of the status table (database, migrations, services, update origin, ...). */
  endpoints: Endpoint[];
  /** The catalog services' rows: `{ name: 'records-service', url, version, status }`. */
  services: Endpoint[];
  /** Milliseconds from the call to every service answering /ready. */
  startedInMs: number;
  /** Every process the platform started (restarts included), for checks that none is left. */
  pids(): number[];
  /** The pid currently running a part, e.g. `facts-service` (it changes when it is restarted). */
  pidOf(name: string): number | undefined;
  /** Stops everything, in reverse start order. Idempotent. */
  stop(): Promise<void>;
}

/** The component that failed and why; the ones started before it have been stopped. */
export class PlatformStartError extends Error {
  constructor(
    readonly component: string,
    readonly reason: string,
  ) {
    super(`${component}: ${reason}`);
    this.name = 'PlatformStartError';
  }
}

/** Starts the whole platform on this machine: the code path of both `npm start` and its end-to-end test. */
export async function startLocalPlatform(options: LocalPlatformOptions = {}): Promise<LocalPlatform> {
  const began = Date.now();
  const workspaceRoot = options.workspaceRoot ?? findWorkspaceRoot();
  const dataDir = options.dataDir ?? join(workspaceRoot, '.local');
  const logsDir = join(dataDir, 'logs');
  mkdirSync(logsDir, { recursive: true });
  const ports =
    options.ports === 'free' ? await freePortPlan() : options.ports === 'catalog' || !options.ports ? catalogPortPlan() : options.ports;
  await assertPortsFree(ports).catch((error: Error) => {
    throw new PlatformStartError('ports', error.message);
  });

  const context: PlatformContext = {
    workspaceRoot,
    dataDir,
    logsDir,
    version: platformVersion(workspaceRoot),
    ports,
    logLevel: options.logLevel ?? 'info',
    readyTimeoutMs: options.readyTimeoutMs ?? 60_000,
    abortSignal: options.signal ?? new AbortController().signal,
    serviceEnv: {},
    report: options.report ?? ((line) => process.stdout.write(`${line}\n`)),
  };

  const started: { component: PlatformComponent; running: StartedComponent }[] = [];
  const stopStarted = async () => {
    for (const { component, running } of [...started].reverse()) {
      await running.stop().catch((error: Error) => context.report(`stopping ${component.name} failed: ${error.message}`));
    }
  };
  for (const component of options.components ?? platformComponents) {
    try {
      if (context.abortSignal.aborted) throw new Error('start was interrupted');
      const componentBegan = Date.now();
      started.push({ component, running: await component.start(context) });
      context.report(`${component.name} up (${((Date.now() - componentBegan) / 1000).toFixed(1)} s)`);
    } catch (error) {
      await stopStarted();
      throw new PlatformStartError(component.name, context.abortSignal.aborted ? 'start was interrupted' : (error as Error).message);
    }
  }

  const endpoints = started.flatMap(({ running }) => running.endpoints);
  let stopping: Promise<void> | undefined;
  return {
    version: context.version,
    dataDir,
    logsDir,
    ports,
    databaseUrl: context.databaseUrl,
    endpoints,
    services: endpoints.filter((e) => e.name.endsWith('-service')),
    startedInMs: Date.now() - began,
    pids: () => started.flatMap(({ running }) => running.pids()),
    pidOf: (name) => started.map(({ running }) => running.pidOf?.(name)).find((pid) => pid !== undefined),
    stop: () => (stopping ??= stopStarted()),
  };
}
