import { serviceNodeBinary } from '@factsway/dev-support';
import { peerUrlVariable, serviceId, services } from '@factsway/service-catalog';
import { join, relative } from 'node:path';
import { Endpoint, PlatformComponent, PlatformContext } from '../platform-component';
import { serviceBundle } from '../service-bundle';
import { describeExit, SupervisedProcess, SupervisorEvent } from '../supervised-process';
import { waitUntilReady } from '../wait-until-ready';

/** Every catalog service as a supervised child process running its built bundle. */
export const servicesComponent: PlatformComponent = {
  name: 'services',
  async start(context) {
    const bundles = services.map((s) => ({ service: s, bundle: serviceBundle(context.workspaceRoot, s.name) }));
    const urlOf = (name: string) => `http://127.0.0.1:${context.ports.services[name]}`;

    const processes = bundles.map(({ service, bundle }) => {
      const id = serviceId(service.name);
      return new SupervisedProcess({
        name: id,
        command: serviceNodeBinary(),
        args: ['--enable-source-maps', '--require', join(__dirname, '..', 'exit-with-supervisor.cjs'), bundle],
        cwd: context.workspaceRoot,
        env: serviceEnvironment(context, service.name, service.tables.length > 0, service.peers, urlOf),
        logFile: join(context.logsDir, `${id}.log`),
        onEvent: (event) => reportEvent(context, event),
      });
    });
    for (const p of processes) p.start();

    const stop = async () => {
      await Promise.all(processes.map((p) => p.stop()));
    };
    const timeout = AbortSignal.timeout(context.readyTimeoutMs);
    const deadline = AbortSignal.any([timeout, context.abortSignal]);
    const results = await Promise.allSettled(
      processes.map((p, i) =>
        waitUntilReady(urlOf(services[i].name), deadline, () => p.failure).catch((error: Error) => {
          const why = timeout.aborted && !p.failure ? `not ready within ${context.readyTimeoutMs / 1000} s` : error.message;
          throw new Error(`${p.name} ${why} (log: ${relative(context.workspaceRoot, join(context.logsDir, `${p.name}.log`))})`);
        }),
      ),
    );
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : []));
    if (failures.length > 0) {
      await stop();
      throw new Error(failures.join('; '));
    }

    const endpoints: Endpoint[] = results.map((r, i) => {
      const health = (r as PromiseFulfilledResult<{ version: string }>).value;
      return { name: serviceId(services[i].name), url: urlOf(services[i].name), version: health.version, status: 'ready' };
    });
    return {
      endpoints,
      pids: () => processes.flatMap((p) => p.pids()),
      pidOf: (name) => processes.find((p) => p.name === name)?.pid,
      stop,
    };
  },
};

function serviceEnvironment(
  context: PlatformContext,
  name: string,
  ownsTables: boolean,
  peers: readonly string[],
  urlOf: (name: string) => string,
): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    TMPDIR: process.env['TMPDIR'],
    ...context.serviceEnv,
    DEPLOYMENT_ENV: 'local',
    SERVICE_NAME: serviceId(name),
    PORT: String(context.ports.services[name]),
    APP_VERSION: context.version,
    LOG_LEVEL: context.logLevel,
  };
  if (ownsTables) {
    if (!context.databaseUrl) throw new Error(`${serviceId(name)} owns tables but no database was started`);
    env['DATABASE_URL'] = context.databaseUrl;
  }
  for (const peer of peers) env[peerUrlVariable(peer)] = urlOf(peer);
  return env;
}

function reportEvent(context: PlatformContext, event: SupervisorEvent): void {
  if (event.type === 'exited') {
    context.report(
      `${event.name} exited ${describeExit(event.code, event.signal)}; restarting in ${event.restartInMs / 1000} s (restart ${event.restart})`,
    );
  } else if (event.type === 'gave-up') {
    context.report(`${event.name} exited ${describeExit(event.code, event.signal)} after ${event.restarts} restarts; not restarting it again`);
  } else if (event.type === 'stopped') {
    context.report(`${event.name} stopped (exit code 0: it was asked to stop); not restarting it`);
  } else if (event.restart > 0) {
    context.report(`${event.name} restarted (pid ${event.pid})`);
  }
}
