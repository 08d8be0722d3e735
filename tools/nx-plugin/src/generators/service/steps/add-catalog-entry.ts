import { logger } from '@nx/devkit';
import { appendCatalogEntry, catalogDeclares, catalogServicesPath } from '../../../lib/catalog-source';
import { NormalizedServiceOptions } from '../normalize-options';
import { ServiceGeneratorStep } from '../step';

/** Appends the service to the catalog, unless the catalog already lists it. */
export const addCatalogEntry: ServiceGeneratorStep = {
  name: 'catalog entry',
  run(tree, options) {
    if (options.catalogEntry) {
      logger.info(`${catalogServicesPath} already lists ${options.name} on port ${options.port}; kept as is.`);
      return;
    }
    const resources = catalogDeclares(tree, 'small')
      ? 'small'
      : "{ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } }";
    appendCatalogEntry(tree, catalogEntryText(options, resources));
  },
};

/** The defaults a new service starts with; tune them in the catalog afterwards. */
export function catalogEntryText(options: NormalizedServiceOptions, resources: string): string {
  const quoted = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const list = (items: string[]) => `[${items.map(quoted).join(', ')}]`;
  return [
    '  {',
    `    name: '${options.name}',`,
    `    description: ${quoted(options.description)},`,
    `    port: ${options.port},`,
    '    replicas: { staging: 2, production: 2 },',
    `    resources: ${resources},`,
    `    tables: ${list(options.tables)},`,
    `    peers: ${list(options.peers)},`,
    `    publicPaths: ['/api/${options.name}'],`,
    '    slo: { latencySeconds: 0.3, availability: 0.999, latencyTarget: 0.99 },',
    '  },',
  ].join('\n');
}
