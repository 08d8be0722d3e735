export * from './lib/line-template';
export * from './lib/stored-templates/template-store';
export * from './lib/stored-templates/template-routes';
