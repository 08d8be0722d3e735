// Entry for `src/instrument.ts` of every service. Deliberately separate from the main
// entry, which loads express: Sentry must be initialised before express is required.
export {
  initErrorTracking,
  startErrorTracking,
  captureException,
  addBreadcrumb,
  flushErrorTracking,
  type ErrorTrackingStatus,
  type InitErrorTrackingOptions,
} from './sentry';
export { scrubEvent, scrubBreadcrumb, scrubValue, scrubText, isSensitiveKey, FILTERED } from './scrub';
