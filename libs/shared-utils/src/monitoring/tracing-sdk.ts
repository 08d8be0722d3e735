import type * as FullSdk from '@sentry/node';
import { classifyError } from '../lib/errors/classify-error';
import { ENVELOPE_HEADERS, type ErrorTrackingSdk, type ErrorTrackingSettings } from './error-tracking-sdk';
import { SENSITIVE_HEADERS } from './scrub';

/**
 * The full `@sentry/node` with OpenTelemetry tracing at `tracesSampleRate`. Loaded only when a
 * sample rate is configured: requiring it already registers the OpenTelemetry hooks.
 */
export function startTracingSdk(settings: ErrorTrackingSettings, tracesSampleRate: number): ErrorTrackingSdk {
  const Sentry = require('@sentry/node') as typeof FullSdk;
  Sentry.init({
    dsn: settings.dsn,
    environment: settings.environment,
    release: settings.release,
    serverName: settings.serverName,
    // v11's replacement for `sendDefaultPii: false`; the same narrowing as the errors-only SDK.
    dataCollection: {
      userInfo: false,
      cookies: false,
      httpHeaders: { request: { deny: [...SENSITIVE_HEADERS] }, response: false },
      httpBodies: [],
      databaseQueryData: false,
      stackFrameVariables: false,
    },
    tracesSampleRate,
    initialScope: { tags: settings.tags },
    // Each failed request is captured once by construction. Dedupe would also drop the same error
    // from the next request, so a burst of one failure would count as a single event.
    integrations: (defaults) => [
      ...defaults.filter((integration) => integration.name !== 'Dedupe' && integration.name !== 'Express'),
      Sentry.expressIntegration({ shouldHandleError: settings.isServerFault }),
    ],
    beforeSend: settings.beforeSend,
    beforeBreadcrumb: settings.beforeBreadcrumb,
    transportOptions: { headers: ENVELOPE_HEADERS },
  });
  return {
    captureException: (error, hint) => Sentry.captureException(error, hint),
    addBreadcrumb: (breadcrumb) => Sentry.addBreadcrumb(breadcrumb),
    flush: (timeoutMs) => Sentry.flush(timeoutMs),
    dsnAccepted: () => Sentry.getClient()?.getDsn() !== undefined,
    // expressIntegration captures route errors as they are thrown (when express loads after init, as
    // instrument.ts guarantees). setupExpressErrorHandler after the routes is the fallback for an
    // express it could not hook; it skips errors the integration has already seen.
    errorReporting: (app) => {
      // The fallback reports errors whose status is >= 500. Give every error the status the client
      // will get (a ZodError carries none and would otherwise count as a 500).
      app.use((error: unknown, _req: unknown, _res: unknown, next: (error: unknown) => void) => {
        if (error && typeof error === 'object' && !('status' in error) && !('statusCode' in error)) {
          Object.defineProperty(error, 'status', { value: classifyError(error).status, enumerable: false, configurable: true });
        }
        next(error);
      });
      Sentry.setupExpressErrorHandler(app);
    },
  };
}
