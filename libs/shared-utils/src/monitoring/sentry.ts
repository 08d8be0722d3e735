import * as Sentry from '@sentry/node';
import { dsnFromString } from '@sentry/core';
import { getService, serviceId } from '@factsway/service-catalog';
import { embeddedBuildVersion } from '../lib/config/build-version';
import { ConfigError } from '../lib/config/config-error';
import { classifyError } from '../lib/errors/classify-error';
import { currentRequestId } from '../lib/logging/request-context';
import { setDefaultErrorReporting } from '../lib/service/error-reporting';
import { beforeServiceExit } from '../lib/service/exit-hooks';
import { dependencyOutageEvents } from './dependency-outage-events';
import { scrubBreadcrumb, scrubEvent, SENSITIVE_HEADERS } from './scrub';

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
 * Errors only by default: tracing switches on only when SENTRY_TRACES_SAMPLE_RATE is set, because
 * any rate (even 0) turns on the tracing integrations and costs throughput (docs/adr/060).
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
  // Sentry only logs a bad DSN and carries on silently disabled; a typo must stop the start instead.
  if (!dsnFromString(dsn)) {
    throw new ConfigError(id, [{ variable: 'SENTRY_DSN', message: 'is not a valid Sentry DSN (https://<key>@<host>/<project>)' }]);
  }
  const tracesSampleRate = parseSampleRate(id, env['SENTRY_TRACES_SAMPLE_RATE']);
  const groupOutages = dependencyOutageEvents({ serviceId: id, intervalMs: options.dependencyEventIntervalMs });
  Sentry.init({
    dsn,
    environment: env['DEPLOYMENT_ENV'] || 'local',
    release: env['APP_VERSION'] || embeddedBuildVersion(),
    serverName: id,
    // v11's replacement for `sendDefaultPii: false`. Request bodies are drafts of privileged legal
    // documents: never collected. Credentials in what is collected are scrubbed in beforeSend too.
    dataCollection: {
      userInfo: false,
      cookies: false,
      httpHeaders: { request: { deny: [...SENSITIVE_HEADERS] }, response: false },
      httpBodies: [],
      databaseQueryData: false,
      stackFrameVariables: false,
    },
    ...(tracesSampleRate === undefined ? {} : { tracesSampleRate }),
    initialScope: { tags: { service: id } },
    // Each failed request is captured once by construction. Dedupe would also drop the same error
    // from the next request, so a burst of one failure would count as a single event.
    integrations: (defaults) => [
      ...defaults.filter((integration) => integration.name !== 'Dedupe' && integration.name !== 'Express'),
      Sentry.expressIntegration({ shouldHandleError: isServerFault }),
    ],
    // An unreachable database fails every request: one grouped, rate-limited issue, not one per request.
    beforeSend: (event, hint) => {
      const grouped = groupOutages(event, hint);
      return grouped && scrubEvent(tagWithRequestId(grouped));
    },
    beforeBreadcrumb: (breadcrumb) => scrubBreadcrumb(breadcrumb),
    // The SDK sends envelopes without a Content-Type; Sentry accepts that, but the local
    // sink (Spotlight) drops such payloads.
    transportOptions: { headers: { 'Content-Type': 'application/x-sentry-envelope' } },
  });
  // expressIntegration captures route errors as they are thrown (when express loads after this
  // call, as instrument.ts guarantees). setupExpressErrorHandler after the routes is the fallback
  // for an express it could not hook; it skips errors the integration has already seen.
  setDefaultErrorReporting((app) => {
    // The fallback reports errors whose status is >= 500. Give every error the status the client
    // will get (a ZodError carries none and would otherwise count as a 500).
    app.use((error: unknown, _req: unknown, _res: unknown, next: (error: unknown) => void) => {
      if (error && typeof error === 'object' && !('status' in error) && !('statusCode' in error)) {
        Object.defineProperty(error, 'status', { value: classifyError(error).status, enumerable: false, configurable: true });
      }
      next(error);
    });
    Sentry.setupExpressErrorHandler(app);
  });
  // Events of the last requests a stopping pod served are still queued when it exits.
  beforeServiceExit(() => Sentry.flush(2000));
  return { enabled: true };
}

/** 5xx only: a client's mistake (4xx) is answered, not reported. */
function isServerFault(error: unknown): boolean {
  return classifyError(error).fault;
}

/** The request id of the request being served when the event was captured. */
function tagWithRequestId<T extends Sentry.Event>(event: T): T {
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
  return Sentry.captureException(error, { extra: context });
}

/** Leaves a trail for the next reported error, e.g. `addBreadcrumb('peer', 'records answered 404')`. */
export function addBreadcrumb(category: string, message: string, data?: Record<string, unknown>): void {
  Sentry.addBreadcrumb({ category, message, data, level: 'info' });
}

/** Sends what is queued before the process exits (graceful shutdown). */
export async function flushErrorTracking(timeoutMs = 2000): Promise<boolean> {
  return Sentry.flush(timeoutMs);
}
