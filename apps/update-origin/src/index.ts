export { startUpdateOrigin } from './lib/start-update-origin';
export type { RunningUpdateOrigin, UpdateOriginOptions } from './lib/start-update-origin';
