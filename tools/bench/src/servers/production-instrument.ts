import { startErrorTracking } from '@factsway/shared-utils/monitoring';

startErrorTracking('export');
