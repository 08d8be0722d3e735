export * from './recording-invalidator';
export * from './test-bucket';
export * from './node-http-executor';
