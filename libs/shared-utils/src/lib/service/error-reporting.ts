import type { ErrorReportingHook } from './service-context';

let defaultHook: ErrorReportingHook | undefined;

/**
 * Installs the error-reporting hook every service created afterwards uses unless its
 * options name one. Meant for `src/monitoring/sentry.ts`, imported first by each `main.ts`,
 * so services get error reporting without code of their own.
 */
export function setDefaultErrorReporting(hook: ErrorReportingHook | undefined): void {
  defaultHook = hook;
}

export function defaultErrorReporting(): ErrorReportingHook | undefined {
  return defaultHook;
}
