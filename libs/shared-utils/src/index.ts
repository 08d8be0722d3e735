export * from './lib/shared-utils';
