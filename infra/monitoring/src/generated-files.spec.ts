import { readFileSync } from 'node:fs';
import { platform, services } from '@factsway/service-catalog';
import { addedService } from '@factsway/service-catalog/testing';
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
  const billing = addedService;
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
