import { ServiceDefinition } from '../lib/service-definition';

/** A catalog entry as the `service` generator would add it: for tests that a derived artifact follows the list. */
export const addedService: ServiceDefinition = {
  name: 'billing',
  description: 'Invoices for a case',
  port: 3009,
  replicas: { staging: 2, production: 2 },
  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
  tables: ['invoices'],
  peers: ['records'],
  publicPaths: ['/api/invoices'],
  slo: { latencySeconds: 0.3, availability: 0.999, latencyTarget: 0.99 },
};
