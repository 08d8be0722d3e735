import { startSentrySink } from '@factsway/sentry-sink';
import { openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { PlatformComponent } from '../platform-component';

/** A local Sentry (Spotlight's sidecar): every service reports its errors here through SENTRY_DSN. */
export const sentrySinkComponent: PlatformComponent = {
  name: 'sentry sink',
  async start(context) {
    const log = openSync(join(context.logsDir, 'sentry-sink.log'), 'a');
    try {
      const sink = await startSentrySink({ port: context.ports.sentrySink, stderr: log });
      context.serviceEnv['SENTRY_DSN'] = sink.dsn;
      return {
        endpoints: [{ name: 'sentry-sink', url: sink.url, status: `ready (events: GET ${sink.url}/stream)` }],
        pids: () => [sink.pid],
        pidOf: (name) => (name === 'sentry-sink' ? sink.pid : undefined),
        stop: () => sink.close(),
      };
    } finally {
      // The child process holds its own descriptor for the log.
      closeSync(log);
    }
  },
};
