export * from './lib/connection';
export * from './lib/test-database';
export * from './lib/local-database';
export * from './lib/run-migrations';
export * from './lib/migration-error';
export * from './lib/migration-files';
export * from './lib/migration-status';
export * from './lib/create-migration';
export { isAlive } from './lib/process-control';
