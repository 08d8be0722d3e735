import { platform, services, serviceId } from '@factsway/service-catalog';
import { POSTGRES_METRICS_PORT, POSTGRES_PORT } from '../index';
import { committedObjects, ofKind, podTemplates, selects } from './support/committed-manifests';
import { allowsTraffic, Endpoint } from './support/network-policy-evaluator';

const namespace = platform.namespaces.production;
const objects = committedObjects('production');
const policies = ofKind(objects, 'NetworkPolicy');

let nextIp = 10;
function pod(ns: string, labels: Record<string, string>): Endpoint {
  nextIp += 1;
  return { ip: `10.1.0.${nextIp}`, namespace: ns, namespaceLabels: { 'kubernetes.io/metadata.name': ns }, labels };
}
function servicePod(name: string): Endpoint {
  const deployment = ofKind(objects, 'Deployment').find((d) => d.metadata.name === serviceId(name))!;
  return pod(namespace, deployment.spec.template.metadata.labels);
}

const postgres = pod(namespace, { 'cnpg.io/cluster': 'factsway-postgres', 'cnpg.io/instanceRole': 'primary' });
const pgbouncer = pod(namespace, { 'cnpg.io/poolerName': 'factsway-postgres-pooler-rw', 'cnpg.io/podRole': 'pooler' });
const migrations = pod(namespace, ofKind(objects, 'Job')[0].spec.template.metadata.labels);
const ingressController = pod('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' });
const prometheus = pod('monitoring', { 'app.kubernetes.io/name': 'prometheus' });
const strangerPod = pod('some-other-team', { app: 'curious' });
const kubeDns = pod('kube-system', { 'k8s-app': 'kube-dns' });
const sentry: Endpoint = { ip: '34.120.195.249' };
const privateAddress: Endpoint = { ip: '10.200.0.7' };

describe('production NetworkPolicies', () => {
  it('deny everything by default, in both directions', () => {
    const defaults = policies.filter((p) => Object.keys(p.spec.podSelector).length === 0 && !p.spec.ingress && !p.spec.egress);
    expect(defaults.map((p) => p.spec.policyTypes.sort())).toEqual([['Egress', 'Ingress']]);
  });

  it('select every pod template with a policy written for it', () => {
    for (const { owner, template } of podTemplates(objects)) {
      const specific = policies.filter(
        (p) => Object.keys(p.spec.podSelector).length > 0 && selects(p.spec.podSelector.matchLabels, template.metadata.labels),
      );
      expect({ pod: owner.metadata.name, policies: specific.length }).toEqual({ pod: owner.metadata.name, policies: 1 });
    }
  });

  it.each(services.filter((s) => s.peers.length > 0).flatMap((s) => s.peers.map((peer) => [s.name, peer] as const)))(
    'let %s reach its catalog peer %s on the peer port only',
    (caller, peerName) => {
      const peer = services.find((s) => s.name === peerName)!;
      expect(allowsTraffic(policies, servicePod(caller), servicePod(peerName), peer.port)).toBe(true);
      expect(allowsTraffic(policies, servicePod(caller), servicePod(peerName), peer.port + 100)).toBe(false);
    },
  );

  it('block every call that is not in the catalog', () => {
    let blocked = 0;
    for (const caller of services) {
      for (const callee of services) {
        if (caller === callee || caller.peers.includes(callee.name as never)) continue;
        expect(`${caller.name}->${callee.name}:${allowsTraffic(policies, servicePod(caller.name), servicePod(callee.name), callee.port)}`).toBe(
          `${caller.name}->${callee.name}:false`,
        );
        blocked += 1;
      }
    }
    expect(blocked).toBeGreaterThan(40);
  });

  it('depend on each rule: without the caller-side egress rule, a catalog call is blocked', () => {
    const caller = services.find((s) => s.peers.length > 0)!;
    const peer = services.find((s) => s.name === caller.peers[0])!;
    const withoutEgress = policies.map((policy) =>
      policy.metadata.name === serviceId(caller.name) ? { ...policy, spec: { ...policy.spec, egress: [] } } : policy,
    );
    expect(allowsTraffic(policies, servicePod(caller.name), servicePod(peer.name), peer.port)).toBe(true);
    expect(allowsTraffic(withoutEgress, servicePod(caller.name), servicePod(peer.name), peer.port)).toBe(false);
  });

  it('let the CloudNativePG operator reach the instance status port, and the instances replicate', () => {
    const operator = pod('cnpg-system', { 'app.kubernetes.io/name': 'cloudnative-pg' });
    const standby = pod(namespace, { 'cnpg.io/cluster': 'factsway-postgres', 'cnpg.io/instanceRole': 'replica' });
    expect(allowsTraffic(policies, operator, postgres, 8000)).toBe(true);
    expect(allowsTraffic(policies, standby, postgres, POSTGRES_PORT)).toBe(true);
    expect(allowsTraffic(policies, servicePod('records'), postgres, 8000)).toBe(false);
  });

  it('let table owners reach only the PgBouncer pooler, and only the pooler and the migrations Job reach PostgreSQL', () => {
    for (const service of services) {
      expect(allowsTraffic(policies, servicePod(service.name), pgbouncer, POSTGRES_PORT)).toBe(service.tables.length > 0);
      expect(allowsTraffic(policies, servicePod(service.name), postgres, POSTGRES_PORT)).toBe(false);
    }
    expect(allowsTraffic(policies, pgbouncer, postgres, POSTGRES_PORT)).toBe(true);
    expect(allowsTraffic(policies, migrations, postgres, POSTGRES_PORT)).toBe(true);
    expect(allowsTraffic(policies, strangerPod, pgbouncer, POSTGRES_PORT)).toBe(false);
    expect(allowsTraffic(policies, prometheus, pgbouncer, 9127)).toBe(true);
    expect(allowsTraffic(policies, strangerPod, postgres, POSTGRES_PORT)).toBe(false);
    expect(allowsTraffic(policies, ingressController, postgres, POSTGRES_PORT)).toBe(false);
  });

  it('let the ingress controller reach the public services on their port, and nothing else', () => {
    for (const service of services) {
      expect(allowsTraffic(policies, ingressController, servicePod(service.name), service.port)).toBe(service.publicPaths.length > 0);
      expect(allowsTraffic(policies, strangerPod, servicePod(service.name), service.port)).toBe(false);
    }
  });

  it('let Prometheus scrape every service and the PostgreSQL exporter', () => {
    for (const service of services) expect(allowsTraffic(policies, prometheus, servicePod(service.name), service.port)).toBe(true);
    expect(allowsTraffic(policies, prometheus, postgres, POSTGRES_METRICS_PORT)).toBe(true);
    expect(allowsTraffic(policies, prometheus, postgres, POSTGRES_PORT)).toBe(false);
  });

  it('let every pod resolve names, services report to Sentry over HTTPS, and nothing reach private ranges', () => {
    for (const service of services) {
      const from = servicePod(service.name);
      expect(allowsTraffic(policies, from, kubeDns, 53, 'UDP')).toBe(true);
      expect(allowsTraffic(policies, from, sentry, 443)).toBe(true);
      expect(allowsTraffic(policies, from, sentry, 80)).toBe(false);
      expect(allowsTraffic(policies, from, privateAddress, 443)).toBe(false);
    }
    expect(allowsTraffic(policies, migrations, sentry, 443)).toBe(false);
  });
});
