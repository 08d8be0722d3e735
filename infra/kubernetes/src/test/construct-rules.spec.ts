import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { services } from '@factsway/service-catalog';
import { addedService } from '@factsway/service-catalog/testing';
import { parseAllDocuments } from 'yaml';
import { imageReference, migrationsJobName, prefixRoutes, productionSettings, renderManifests, synthesizeManifests } from '../index';
import { withScaledRequests } from '../lib/quantities';

const billing = addedService;

describe('rendering rules', () => {
  it('refuses an unpinned image', () => {
    const at = (version: string) => ({ registry: 'r.example', imageRepository: 'factsway', version });
    expect(() => imageReference(at('latest'), 'records-service')).toThrow(/pin a version/);
    expect(() => imageReference(at(''), 'records-service')).toThrow(/pin a version/);
    expect(imageReference(at('1.0.0'), 'records-service')).toBe('r.example/factsway/records-service:1.0.0');
  });

  it('names the migrations Job after the version, as a valid DNS label', () => {
    expect(migrationsJobName('1.4.0-rc.1')).toBe('migrations-1-4-0-rc-1');
  });

  it('matches ingress prefixes the way a Prefix path does', () => {
    expect(prefixRoutes('/api/cases', '/api/cases/42')).toBe(true);
    expect(prefixRoutes('/api/cases', '/api/casesx')).toBe(false);
    expect(prefixRoutes('/', '/metrics')).toBe(true);
  });

  it('halves requests for staging and keeps limits', () => {
    expect(withScaledRequests({ requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '768Mi' } }, 0.5)).toEqual({
      requests: { cpu: '125m', memory: '128Mi' },
      limits: { cpu: '1', memory: '768Mi' },
    });
  });

  it.each(['/metrics', '/health', '/ready', '/', '/health/deep'])('refuses to route the public path %s', (path) => {
    const leaky = { ...billing, publicPaths: [path] };
    expect(() => renderManifests(productionSettings(), [...services, leaky])).toThrow(/would route/);
  });

  it('refuses a peer that is not rendered', () => {
    const orphan = { ...billing, peers: ['payments'] };
    expect(() => renderManifests(productionSettings(), [...services, orphan])).toThrow(/not rendered|Unknown service/);
  });
});

describe('synthesizeManifests for a service the generator just added', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'factsway-k8s-generator-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes its manifest, routes its paths and opens exactly its network paths', () => {
    const written = synthesizeManifests(dir, 'production', [...services, billing]);
    expect(written).toContain('billing-service.yaml');
    expect(readdirSync(dir)).toContain('billing-service.yaml');
    const read = (file: string) => parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((d) => d.toJS());
    const deployment = read('billing-service.yaml').find((o) => o.kind === 'Deployment');
    expect(deployment.spec.template.spec.containers[0].ports[0].containerPort).toBe(3009);
    const ingress = read('ingress.yaml').find((o) => o.kind === 'Ingress');
    expect(ingress.spec.rules[0].http.paths).toContainEqual(
      expect.objectContaining({ path: '/api/invoices', backend: { service: { name: 'billing-service', port: { number: 3009 } } } }),
    );
    const policies = read('network-policies.yaml');
    const records = policies.find((p) => p.metadata.name === 'records-service');
    expect(JSON.stringify(records.spec.ingress)).toContain('billing-service');
  });
});
