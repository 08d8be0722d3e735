import { services } from './services';
import { callersOf, getService, peerUrlVariable, serviceId } from './lookup';
import { platformVersion } from './platform-version';

const all = services as readonly (typeof services)[number][];

function millicores(cpu: string): number {
  return cpu.endsWith('m') ? Number(cpu.slice(0, -1)) : Number(cpu) * 1000;
}
function mebibytes(memory: string): number {
  const match = /^(\d+)(Mi|Gi)$/.exec(memory);
  if (!match) throw new Error(`unsupported memory quantity ${memory}`);
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
}

describe('service catalog', () => {
  it('lists the eight services of the architecture table, ports 3001..3008 in order', () => {
    expect(all.map((s) => `${s.name}:${s.port}`)).toEqual([
      'records:3001', 'ingestion:3002', 'export:3003', 'caseblock:3004',
      'signature:3005', 'facts:3006', 'exhibits:3007', 'caselaw:3008',
    ]);
  });

  it('gives every table exactly one owner', () => {
    const tables = all.flatMap((s) => s.tables);
    expect(new Set(tables).size).toBe(tables.length);
  });

  it('names only catalog services as peers, never itself, and has no call cycles', () => {
    const names = new Set(all.map((s) => s.name));
    for (const s of all) {
      for (const peer of s.peers) {
        expect(names.has(peer)).toBe(true);
        expect(peer).not.toBe(s.name);
      }
    }
    const visiting = new Set<string>();
    const visit = (name: string, path: string[]): void => {
      if (visiting.has(name)) throw new Error(`cycle: ${[...path, name].join(' -> ')}`);
      visiting.add(name);
      for (const peer of getService(name).peers) visit(peer, [...path, name]);
      visiting.delete(name);
    };
    for (const s of all) expect(() => visit(s.name, [])).not.toThrow();
  });

  it('keeps requests within limits and at least two production replicas (a PDB can allow one down)', () => {
    for (const s of all) {
      expect(millicores(s.resources.requests.cpu)).toBeLessThanOrEqual(millicores(s.resources.limits.cpu));
      expect(mebibytes(s.resources.requests.memory)).toBeLessThanOrEqual(mebibytes(s.resources.limits.memory));
      expect(s.replicas.production).toBeGreaterThanOrEqual(2);
      expect(s.replicas.staging).toBeGreaterThanOrEqual(2);
    }
  });

  it('has SLOs that are fractions below one and latency thresholds in seconds', () => {
    for (const s of all) {
      expect(s.slo.availability).toBeGreaterThan(0.9);
      expect(s.slo.availability).toBeLessThan(1);
      expect(s.slo.latencyTarget).toBeLessThan(1);
      expect(s.slo.latencySeconds).toBeGreaterThan(0);
      expect(s.slo.latencySeconds).toBeLessThan(10);
    }
  });

  it('routes only API prefixes publicly, never /metrics, /health or /ready, and no prefix twice', () => {
    const paths = all.flatMap((s) => s.publicPaths);
    expect(new Set(paths).size).toBe(paths.length);
    for (const p of paths) expect(p).toMatch(/^\/api\/[a-z-]+$/);
  });
});

describe('catalog lookups', () => {
  it('derives names and peer variables', () => {
    expect(serviceId('records')).toBe('records-service');
    expect(peerUrlVariable('facts')).toBe('FACTS_SERVICE_URL');
    expect(getService('exhibits-service').port).toBe(3007);
    expect(callersOf('facts').map((s) => s.name)).toEqual(['exhibits']);
  });

  it('rejects an unknown service by name', () => {
    expect(() => getService('billing')).toThrow(/Unknown service "billing"/);
  });

  it('reads the platform version from the root package.json', () => {
    expect(platformVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
