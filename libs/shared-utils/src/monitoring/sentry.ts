import type { Event } from '@sentry/node';
import { getService, serviceId } from '@factsway/service-catalog';
import { embeddedBuildVersion } from '../lib/config/build-version';
import { ConfigError } from '../lib/config/config-error';
import { classifyError } from '../lib/errors/classify-error';
import { currentRequestId } from '../lib/logging/request-context';
import { setDefaultErrorReporting } from '../lib/service/error-reporting';
import { beforeServiceExit } from '../lib/service/exit-hooks';
import { dependencyOutageEvents } from './dependency-outage-events';
import { errorsOnlySdkBeforeInit, startErrorsOnlySdk } from './errors-only-sdk';
import type { ErrorTrackingSdk, ErrorTrackingSettings } from './error-tracking-sdk';
import { scrubBreadcrumb, scrubEvent } from './scrub';
import { startTracingSdk } from './tracing-sdk';

/** The SDK in use: captures made before `initErrorTracking` (or without a DSN) go nowhere. */
let sdk: ErrorTrackingSdk = errorsOnlySdkBeforeInit;

export interface ErrorTrackingStatus {
  enabled: boolean;
  /** Why it is off, when it is. */
  reason?: string;
}

export interface InitErrorTrackingOptions {
  /** Default: `process.env`. */
  env?: Record<string, string | undefined>;
  /** Where the one "not configured" warning goes. Default: stderr, as a JSON log line. */
  warn?: (line: string) => void;
  /** At most one event per dependency outage (the database) per this many ms. Default 60 000. */
  dependencyEventIntervalMs?: number;
}

/**
 * Starts Sentry for catalog service `name`. Call it from the service's `src/instrument.ts`,
 * which `main.ts` imports before anything else, so the SDK is set up before express and pg load.
 *
 * Errors only by default, with Sentry's OpenTelemetry-free SDK (`@sentry/node-core/light`): the full
 * `@sentry/node` instruments http and express through OpenTelemetry even when no trace is sampled,
 * which cost a third of the request throughput (docs/adr/014). SENTRY_TRACES_SAMPLE_RATE switches
 * to the full SDK with tracing, for a service where someone needs traces.
 */
export function initErrorTracking(name: string, options: InitErrorTrackingOptions = {}): ErrorTrackingStatus {
  const env = options.env ?? process.env;
  const id = serviceId(getService(name).name);
  const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  const dsn = env['SENTRY_DSN'] || undefined;
  if (!dsn) {
    warn(JSON.stringify({ level: 'warn', time: new Date().toISOString(), service: id, msg: 'SENTRY_DSN is not set: errors are logged but not sent to Sentry' }));
    return { enabled: false, reason: 'SENTRY_DSN is not set' };
  }
  const tracesSampleRate = parseSampleRate(id, env['SENTRY_TRACES_SAMPLE_RATE']);
  const groupOutages = dependencyOutageEvents({ serviceId: id, intervalMs: options.dependencyEventIntervalMs });
  const settings: ErrorTrackingSettings = {
    dsn,
    environment: env['DEPLOYMENT_ENV'] || 'local',
    release: env['APP_VERSION'] || embeddedBuildVersion(),
    serverName: id,
    tags: { service: id },
    isServerFault,
    // An unreachable database fails every request: one grouped, rate-limited issue, not one per request.
    beforeSend: (event, hint) => {
      const grouped = groupOutages(event, hint);
      return grouped && scrubEvent(tagWithRequestId(grouped));
    },
    beforeBreadcrumb: (breadcrumb) => scrubBreadcrumb(breadcrumb),
  };
  // Errors only (the default) runs the OpenTelemetry-free SDK; a sample rate loads the full one (docs/adr/014).
  sdk = tracesSampleRate === undefined ? startErrorsOnlySdk(settings) : startTracingSdk(settings, tracesSampleRate);
  // Sentry only logs a DSN it cannot parse and carries on silently disabled; a typo must stop the
  // start instead. (The SDK's own parser decides; importing @sentry/core for it would load a second
  // copy of the core, about 7 MB per process.)
  if (!sdk.dsnAccepted()) {
    sdk = errorsOnlySdkBeforeInit;
    throw new ConfigError(id, [{ variable: 'SENTRY_DSN', message: 'is not a valid Sentry DSN (https://<key>@<host>/<project>)' }]);
  }
  setDefaultErrorReporting(sdk.errorReporting);
  // Events of the last requests a stopping pod served are still queued when it exits.
  beforeServiceExit(() => sdk.flush(2000));
  return { enabled: true };
}

/** 5xx only: a client's mistake (4xx) is answered, not reported. */
function isServerFault(error: unknown): boolean {
  return classifyError(error).fault;
}

/** The request id of the request being served when the event was captured. */
function tagWithRequestId<T extends Event>(event: T): T {
  const requestId = currentRequestId();
  return requestId ? { ...event, tags: { ...event.tags, request_id: requestId } } : event;
}

function parseSampleRate(id: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const rate = Number(value);
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new ConfigError(id, [{ variable: 'SENTRY_TRACES_SAMPLE_RATE', message: `must be a number from 0 to 1 (got "${value}")` }]);
  }
  return rate;
}

/**
 * The one line each service's `src/instrument.ts` runs: like `initErrorTracking`, but a
 * configuration error stops the process with the message (as `runService` does), not a stack trace.
 */
export function startErrorTracking(name: string): ErrorTrackingStatus {
  try {
    return initErrorTracking(name);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

/** Reports an error that was handled (so no request failed) but should be looked at. */
export function captureException(error: unknown, context: Record<string, unknown> = {}): string {
  return sdk.captureException(error, { extra: context });
}

/** Leaves a trail for the next reported error, e.g. `addBreadcrumb('peer', 'records answered 404')`. */
export function addBreadcrumb(category: string, message: string, data?: Record<string, unknown>): void {
  sdk.addBreadcrumb({ category, message, data, level: 'info' });
}

/** Sends what is queued before the process exits (graceful shutdown). */
export async function flushErrorTracking(timeoutMs = 2000): Promise<boolean> {
  return sdk.flush(timeoutMs);
}
