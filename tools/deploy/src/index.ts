export * from './lib/core/deploy-backend';
export * from './lib/core/deploy-target';
export * from './lib/core/deploy-reporter';
export * from './lib/core/deploy-release';
export * from './lib/core/run-ledger';
export * from './lib/core/version-gate';
