export * from './lib/service-definition';
export * from './lib/services';
export * from './lib/platform';
export * from './lib/lookup';
export * from './lib/platform-version';
export * from './lib/pod-label-contract';
export * from './lib/auth-issuer';
export * from './lib/database-connections';
