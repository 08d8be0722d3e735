export * from './test-release';
export * from './test-s3-server';
