export * from './lib/update-layout';
export * from './lib/update-path-kind';
export * from './lib/cache-policy';
export * from './lib/content-type';
export * from './lib/update-s3-client';
export * from './lib/missing-object';
export * from './lib/local-update-bucket';
export * from './lib/file-digest';
