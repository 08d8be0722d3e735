// Like every service's src/instrument.ts: error tracking starts before express is loaded.
import { startErrorTracking } from '@factsway/shared-utils/monitoring';

startErrorTracking('export');
