import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { platform, serviceId, services } from '@factsway/service-catalog';
import { monitoringFiles, ruleFiles, toYaml } from '../generated-files';
import { projectFile } from '../testing/project-paths';
import { runTool } from '../testing/binaries';
import { productionPrometheusConfig } from './production-config';
import { defaultLocalTargets, localPrometheusConfig } from './local-config';

type Json = Record<string, any>;
const production = productionPrometheusConfig(ruleFiles, services, platform.namespaces.production) as Json;
const jobs = (config: Json): Json[] => config['scrape_configs'];
const job = (config: Json, name: string): Json => {
  const found = jobs(config).find((j) => j['job_name'] === name);
  if (!found) throw new Error(`no job ${name}`);
  return found;
};

/** Debian builds Prometheus without Kubernetes discovery (its client libraries are not packaged). */
function promtoolKnowsKubernetesSd(dir: string): boolean {
  const probe = join(dir, 'probe.yaml');
  writeFileSync(probe, 'scrape_configs:\n  - job_name: probe\n    kubernetes_sd_configs: [{ role: pod }]\n');
  return runTool('promtool', ['check', 'config', probe]).status === 0;
}

/**
 * Replaces each kubernetes_sd_configs block with file discovery so the rest of the file still
 * gets checked, and points the in-cluster service-account files (which promtool stats) into `dir`.
 */
function withFileDiscovery(value: unknown, dir: string): unknown {
  if (Array.isArray(value)) return value.map((v) => withFileDiscovery(v, dir));
  if (typeof value === 'string') return value.replace(serviceAccountDir, join(dir, 'serviceaccount'));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) =>
      key === 'kubernetes_sd_configs' ? ['file_sd_configs', [{ files: ['targets/*.json'] }]] : [key, withFileDiscovery(inner, dir)],
    ),
  );
}
const serviceAccountDir = '/var/run/secrets/kubernetes.io/serviceaccount';

describe('production Prometheus configuration', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'prometheus-config-'));
    for (const file of ruleFiles) copyFileSync(projectFile(file), join(dir, file));
    mkdirSync(join(dir, 'serviceaccount'));
    mkdirSync(join(dir, 'targets'));
    for (const file of ['ca.crt', 'token']) writeFileSync(join(dir, 'serviceaccount', file), '');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes promtool check config (with file discovery in place of Kubernetes when promtool lacks it)', () => {
    const config = promtoolKnowsKubernetesSd(dir) ? production : withFileDiscovery(production, dir);
    const file = join(dir, monitoringFiles.prometheusConfig);
    writeFileSync(file, toYaml(config));
    const result = runTool('promtool', ['check', 'config', file]);
    expect(result.output).toContain('SUCCESS: 2 rule files found');
    expect(result.status).toBe(0);
  });

  it('has a job named <name>-service for every catalog service, discovering pods in factsway-prod only', () => {
    for (const s of services) {
      const j = job(production, serviceId(s.name));
      expect(j['kubernetes_sd_configs']).toEqual([{ role: 'pod', namespaces: { names: [platform.namespaces.production] } }]);
      expect(j['relabel_configs']).toContainEqual({
        source_labels: ['__meta_kubernetes_pod_label_app_kubernetes_io_name'],
        regex: serviceId(s.name),
        action: 'keep',
      });
    }
  });

  it('labels every service target with service, version and pod, and drops the shadowed copies', () => {
    for (const s of services) {
      const relabel: Json[] = job(production, serviceId(s.name))['relabel_configs'];
      const targets = relabel.map((r) => r['target_label']);
      expect(targets).toEqual(expect.arrayContaining(['service', 'version', 'pod', 'namespace', '__address__', '__metrics_path__']));
      expect(job(production, serviceId(s.name))['metric_relabel_configs']).toEqual([
        { regex: 'exported_service|exported_version', action: 'labeldrop' },
      ]);
    }
  });

  it('scrapes CloudNativePG instances on 9187, Alertmanager, kube-state-metrics and cAdvisor', () => {
    expect(job(production, 'postgresql')['relabel_configs']).toContainEqual({
      source_labels: ['__meta_kubernetes_pod_container_port_number'],
      regex: '9187',
      action: 'keep',
    });
    expect(job(production, 'kube-state-metrics')['honor_labels']).toBe(true);
    expect(jobs(production).map((j) => j['job_name'])).toEqual(
      expect.arrayContaining(['alertmanager', 'kubernetes-cadvisor']),
    );
  });

  it('uses only discovery roles Prometheus knows', () => {
    const roles = JSON.stringify(production).match(/"role":"[a-z]+"/g) ?? [];
    expect(roles.length).toBeGreaterThan(8);
    for (const role of roles) expect(role).toMatch(/"role":"(pod|endpoints|node|service|ingress|endpointslice)"/);
  });
});

describe('local Prometheus configuration', () => {
  it('passes promtool check config with the real rule files', () => {
    const result = runTool('promtool', ['check', 'config', projectFile(monitoringFiles.prometheusLocal)]);
    expect(result.output).toContain('SUCCESS: 2 rule files found');
    expect(result.status).toBe(0);
  });

  it('loads the same rule files as production, with short intervals only here', () => {
    const committed = parse(readFileSync(projectFile(monitoringFiles.prometheusLocal), 'utf8'));
    expect(committed['rule_files']).toEqual(production['rule_files']);
    expect(committed['global']['scrape_interval']).toBe('1s');
    expect(production['global']['scrape_interval']).toBe('15s');
  });

  it('scrapes every catalog service on 127.0.0.1 at its catalog port, with the service label', () => {
    const local = localPrometheusConfig(ruleFiles, services, defaultLocalTargets(services, platform.localPorts)) as Json;
    for (const s of services) {
      expect(job(local, serviceId(s.name))['static_configs']).toEqual([
        { targets: [`127.0.0.1:${s.port}`], labels: { service: serviceId(s.name) } },
      ]);
    }
    expect(job(local, 'update-origin')['static_configs'][0]['targets']).toEqual([`127.0.0.1:${platform.localPorts.updateOrigin}`]);
  });

  it('refuses a target map that misses a service', () => {
    expect(() =>
      localPrometheusConfig(ruleFiles, services, { services: {}, updateOrigin: 'a:1', alertmanager: 'b:2', prometheus: 'c:3' }),
    ).toThrow(/no local target for records/);
  });
});
