export * from './recording-invalidator';
export * from './test-bucket';
