import type { Breadcrumb, ErrorEvent, EventHint } from '@sentry/node';
import type { ErrorReportingHook } from '../lib/service/service-context';

/** What `initErrorTracking` decided, the same whichever SDK sends it. */
export interface ErrorTrackingSettings {
  dsn: string;
  environment: string;
  release: string | undefined;
  serverName: string;
  tags: Record<string, string>;
  /** Which errors are reported: 5xx only. */
  isServerFault: (error: unknown) => boolean;
  beforeSend: (event: ErrorEvent, hint: EventHint) => ErrorEvent | null;
  beforeBreadcrumb: (breadcrumb: Breadcrumb) => Breadcrumb | null;
}

/** The part of a Sentry SDK the services use, so the errors-only and the tracing SDK are interchangeable. */
export interface ErrorTrackingSdk {
  captureException(error: unknown, hint?: { extra?: Record<string, unknown> }): string;
  addBreadcrumb(breadcrumb: Breadcrumb): void;
  flush(timeoutMs: number): Promise<boolean>;
  /** False when Sentry could not parse the DSN and so will send nothing. */
  dsnAccepted(): boolean;
  /** Installed after the routes of every service created afterwards. */
  errorReporting: ErrorReportingHook;
}

/** The SDK sends envelopes without a Content-Type; Sentry accepts that, the local sink (Spotlight) does not. */
export const ENVELOPE_HEADERS = { 'Content-Type': 'application/x-sentry-envelope' };
