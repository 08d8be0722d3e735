export * from './lib/records-case';
export * from './lib/fetch-case';
