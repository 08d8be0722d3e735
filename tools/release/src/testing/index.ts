export * from './test-release';
export * from './recording-invalidator';
export * from './test-bucket';
