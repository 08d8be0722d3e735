export * from './lib/line-template';
