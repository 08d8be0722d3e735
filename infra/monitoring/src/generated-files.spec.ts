import { readFileSync } from 'node:fs';
import { platform, ServiceDefinition, services } from '@factsway/service-catalog';
import { renderMonitoringFiles } from './generated-files';
import { monitoringFiles } from './monitoring-files';
import { projectFile } from './testing/project-paths';

describe('committed monitoring files', () => {
  const rendered = renderMonitoringFiles(services, platform);

  it.each(Object.keys(rendered))('%s matches its source (run `npx nx run monitoring:generate` after a change)', (file) => {
    expect(readFileSync(projectFile(file), 'utf8')).toBe(rendered[file]);
  });
});

describe('rendering for the services it is given', () => {
  /** A catalog entry as the `service` generator would add it. */
  const billing: ServiceDefinition = {
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
  const withBilling = renderMonitoringFiles([...services, billing], platform);

  it('scrapes, alerts on, records the SLOs of and charts a service added to the list', () => {
    expect(withBilling[monitoringFiles.prometheusConfig]).toContain('job_name: billing-service');
    expect(withBilling[monitoringFiles.prometheusLocal]).toContain('127.0.0.1:3009');
    expect(withBilling[monitoringFiles.alerts]).toContain('up{job="billing-service"}');
    expect(withBilling[monitoringFiles.recordingRules]).toContain('service="billing-service",le="0.3"');
    expect(withBilling[monitoringFiles.dashboard]).toContain('billing-service requests');
  });

  it('leaves out a service that is not in the list', () => {
    const withoutExport = renderMonitoringFiles(
      services.filter((s) => s.name !== 'export'),
      platform,
    );
    for (const content of Object.values(withoutExport)) expect(content).not.toContain('export-service');
  });
});
