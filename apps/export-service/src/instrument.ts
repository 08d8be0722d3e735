// Loaded before anything else by main.ts: Sentry starts here, before express and pg are
// imported, so that it can hook them. Without SENTRY_DSN it logs one warning and stays off.
import { startErrorTracking } from '@factsway/shared-utils/monitoring';

startErrorTracking('export');
