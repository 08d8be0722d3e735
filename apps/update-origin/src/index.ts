export { startUpdateOrigin } from './lib/start-update-origin';
export type { RunningUpdateOrigin, UpdateOriginOptions } from './lib/start-update-origin';
export { createUpdateOriginApp } from './lib/update-origin-app';
// The local platform's bucket lives with the publisher, which writes to it.
export { localUpdateBucket, startLocalBucket } from '@factsway/release';
export type { LocalBucketOptions, RunningLocalBucket } from '@factsway/release';
