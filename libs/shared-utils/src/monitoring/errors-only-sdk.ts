import type * as LightSdk from '@sentry/node-core/build/types/light/index';
import type { NextFunction, Request, Response } from 'express';
import { ENVELOPE_HEADERS, type ErrorTrackingSdk, type ErrorTrackingSettings } from './error-tracking-sdk';
import { SENSITIVE_HEADERS } from './scrub';

// The light entry is an `exports` subpath, which this workspace's TypeScript resolution ("node")
// cannot see; its types are imported from the file it names.
const Light = require('@sentry/node-core/light') as typeof LightSdk;

/**
 * Sentry without OpenTelemetry (`@sentry/node-core/light`): errors, request data and one isolation
 * scope per request (from Node's `http.server.request.start` diagnostics channel), no spans.
 * Express is not patched: the error middleware after the routes captures each 5xx.
 */
export function startErrorsOnlySdk(settings: ErrorTrackingSettings): ErrorTrackingSdk {
  Light.init({
    dsn: settings.dsn,
    environment: settings.environment,
    release: settings.release,
    serverName: settings.serverName,
    sendDefaultPii: false,
    initialScope: { tags: settings.tags },
    // Request bodies are drafts of privileged legal documents: never collected; no cookies or
    // client addresses. Credentials in what is collected are scrubbed in beforeSend too.
    integrations: (defaults) => [
      ...defaults.filter((integration) => !['Dedupe', 'Http', 'RequestData', 'LocalVariables'].includes(integration.name)),
      Light.httpIntegration({ maxRequestBodySize: 'none' }),
      Light.requestDataIntegration({ include: { cookies: false, data: false, ip: false, headers: true, query_string: true, url: true } }),
    ],
    beforeSend: settings.beforeSend as unknown as LightSdk.NodeOptions['beforeSend'],
    beforeBreadcrumb: settings.beforeBreadcrumb as unknown as LightSdk.NodeOptions['beforeBreadcrumb'],
    transportOptions: { headers: ENVELOPE_HEADERS },
  });
  return {
    ...errorsOnlySdkBeforeInit,
    errorReporting: (app) => {
      app.use((error: unknown, request: Request, _response: Response, next: NextFunction) => {
        if (settings.isServerFault(error)) {
          Light.withScope((scope) => {
            scope.setSDKProcessingMetadata({ normalizedRequest: normalizedRequest(request) });
            Light.captureException(error, { mechanism: { type: 'auto.middleware.express', handled: false } });
          });
        }
        next(error);
      });
    },
  };
}

/** The request as Sentry records it, without the credential headers. */
function normalizedRequest(request: Request) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && !SENSITIVE_HEADERS.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { method: request.method, url: `${request.protocol}://${request.get('host') ?? 'localhost'}${request.originalUrl}`, headers };
}

/** Before `init` (or without a DSN) the light SDK has no client: captures are dropped. */
export const errorsOnlySdkBeforeInit: ErrorTrackingSdk = {
  captureException: (error, hint) => Light.captureException(error, hint),
  addBreadcrumb: (breadcrumb) => Light.addBreadcrumb(breadcrumb as LightSdk.Breadcrumb),
  flush: (timeoutMs) => Light.flush(timeoutMs),
  dsnAccepted: () => Light.getClient()?.getDsn() !== undefined,
  errorReporting: () => undefined,
};
