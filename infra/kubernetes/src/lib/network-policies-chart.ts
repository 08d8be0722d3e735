import { PART_OF, podLabelKeys, ServiceDefinition, serviceId } from '@factsway/service-catalog';
import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-34';
import { Construct } from 'constructs';
import { ClusterSettings, TrafficSource } from './cluster-settings';
import { selectorLabels } from './labels';
import { MIGRATIONS_NAME } from './migrations-job-chart';
import { POOLER_METRICS_PORT, poolerPodLabels } from './postgres-pooler';
import { POSTGRES_METRICS_PORT, POSTGRES_PORT, POSTGRES_STATUS_PORT, postgresPodLabels } from './postgres-chart';

/** Addresses that are never "the internet": cluster, node and VPC ranges. */
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', '100.64.0.0/10'];

/**
 * Default deny in both directions, then exactly the catalog's call graph: the ingress
 * controller reaches public services, each service reaches its peers and (when it owns
 * tables) the PgBouncer pooler, which alone with the migrations Job reaches PostgreSQL;
 * Prometheus reaches every metrics port.
 */
export class NetworkPoliciesChart extends Chart {
  private readonly targetNamespace: string;

  constructor(
    scope: Construct,
    id: string,
    settings: ClusterSettings & { prometheus: TrafficSource },
    services: readonly ServiceDefinition[],
  ) {
    super(scope, id);
    this.targetNamespace = settings.namespace;

    this.policy('default-deny-all', {
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    });
    this.policy('allow-dns-egress', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports: [port(53, 'UDP'), port(53, 'TCP')],
        },
      ],
    });

    const postgres: k8s.NetworkPolicyPeer = { podSelector: { matchLabels: postgresPodLabels() } };
    const pooler: k8s.NetworkPolicyPeer = { podSelector: { matchLabels: poolerPodLabels() } };
    const prometheus = fromSource(settings.prometheus);

    for (const service of services) {
      const ingress: k8s.NetworkPolicyIngressRule[] = [];
      if (settings.ingress && service.publicPaths.length > 0) {
        ingress.push({ from: [fromSource(settings.ingress.controller)], ports: [port(service.port)] });
      }
      const callers = services.filter((caller) => caller.peers.includes(service.name));
      if (callers.length > 0) {
        ingress.push({
          from: callers.map((caller) => ({ podSelector: { matchLabels: selectorLabels(serviceId(caller.name)) } })),
          ports: [port(service.port)],
        });
      }
      ingress.push({ from: [prometheus], ports: [port(service.port)] });

      const egress: k8s.NetworkPolicyEgressRule[] = service.peers.map((peerName) => {
        const peer = services.find((candidate) => candidate.name === peerName);
        if (!peer) throw new Error(`${serviceId(service.name)} calls "${peerName}", which is not rendered`);
        return { to: [{ podSelector: { matchLabels: selectorLabels(serviceId(peer.name)) } }], ports: [port(peer.port)] };
      });
      if (service.tables.length > 0) egress.push({ to: [pooler], ports: [port(POSTGRES_PORT)] });
      // Error reports go to Sentry over HTTPS on a public address.
      egress.push({ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: PRIVATE_RANGES } }], ports: [port(443)] });

      this.policy(serviceId(service.name), {
        podSelector: { matchLabels: selectorLabels(serviceId(service.name)) },
        policyTypes: ['Ingress', 'Egress'],
        ingress,
        egress,
      });
    }

    const tableOwners = services
      .filter((service) => service.tables.length > 0)
      .map((service): k8s.NetworkPolicyPeer => ({ podSelector: { matchLabels: selectorLabels(serviceId(service.name)) } }));
    const apiServerAndObjectStorage: k8s.NetworkPolicyEgressRule = { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [port(443), port(6443)] };
    this.policy('factsway-postgres-pooler', {
      podSelector: { matchLabels: poolerPodLabels() },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        { from: tableOwners, ports: [port(POSTGRES_PORT)] },
        { from: [prometheus], ports: [port(POOLER_METRICS_PORT)] },
      ],
      // PgBouncer reaches the primary; its instance manager watches the Kubernetes API.
      egress: [{ to: [postgres], ports: [port(POSTGRES_PORT)] }, apiServerAndObjectStorage],
    });

    const postgresIngress: k8s.NetworkPolicyIngressRule[] = [
      { from: [pooler, { podSelector: { matchLabels: selectorLabels(MIGRATIONS_NAME) } }], ports: [port(POSTGRES_PORT)] },
      // Streaming replication and the instance managers talking to each other.
      { from: [postgres], ports: [port(POSTGRES_PORT), port(POSTGRES_STATUS_PORT)] },
      { from: [prometheus], ports: [port(POSTGRES_METRICS_PORT)] },
    ];
    if (settings.postgresOperatorNamespace) {
      postgresIngress.push({
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': settings.postgresOperatorNamespace } } }],
        ports: [port(POSTGRES_STATUS_PORT), port(POSTGRES_PORT)],
      });
    }
    this.policy('factsway-postgres', {
      podSelector: { matchLabels: postgresPodLabels() },
      policyTypes: ['Ingress', 'Egress'],
      ingress: postgresIngress,
      egress: [
        { to: [postgres], ports: [port(POSTGRES_PORT), port(POSTGRES_STATUS_PORT)] },
        // The instance manager watches the Kubernetes API; base backups and WAL go to object storage.
        apiServerAndObjectStorage,
      ],
    });

    this.policy(MIGRATIONS_NAME, {
      podSelector: { matchLabels: selectorLabels(MIGRATIONS_NAME) },
      policyTypes: ['Ingress', 'Egress'],
      egress: [{ to: [postgres], ports: [port(POSTGRES_PORT)] }],
    });
  }

  private policy(name: string, spec: k8s.NetworkPolicySpec): void {
    new k8s.KubeNetworkPolicy(this, name, {
      metadata: { name, namespace: this.targetNamespace, labels: { [podLabelKeys.partOf]: PART_OF } },
      spec,
    });
  }
}

function port(number: number, protocol: 'TCP' | 'UDP' = 'TCP'): k8s.NetworkPolicyPort {
  return { port: k8s.IntOrString.fromNumber(number), protocol };
}

function fromSource(source: TrafficSource): k8s.NetworkPolicyPeer {
  return {
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': source.namespace } },
    podSelector: { matchLabels: source.podLabels },
  };
}
