import { BlockList, isIPv4 } from 'node:net';
import { KubeObject, selects } from './committed-manifests';

/** A pod (namespace + labels + IP) or an address outside the cluster (IP only). */
export interface Endpoint {
  ip: string;
  namespace?: string;
  namespaceLabels?: Record<string, string>;
  labels?: Record<string, string>;
  /** Named container ports of the pod, for policies that name a port. */
  namedPorts?: Record<string, number>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Peer = any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Rule = any;

function labelSelectorMatches(selector: Peer | undefined, labels: Record<string, string> | undefined): boolean {
  if (selector === undefined) return true;
  if (selector.matchExpressions?.length) throw new Error('matchExpressions are not used by FACTSWAY policies');
  return selects(selector.matchLabels, labels);
}

function inCidr(ip: string, cidr: string): boolean {
  const [network, prefix] = cidr.split('/');
  const list = new BlockList();
  list.addSubnet(network, Number(prefix), isIPv4(network) ? 'ipv4' : 'ipv6');
  return list.check(ip, isIPv4(ip) ? 'ipv4' : 'ipv6');
}

/** NetworkPolicyPeer semantics, as in the Kubernetes API reference. */
function peerMatches(peer: Peer, policyNamespace: string, other: Endpoint): boolean {
  if (peer.ipBlock) {
    return inCidr(other.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((cidr: string) => inCidr(other.ip, cidr));
  }
  if (other.namespace === undefined) return false;
  if (peer.namespaceSelector === undefined) {
    return other.namespace === policyNamespace && labelSelectorMatches(peer.podSelector, other.labels);
  }
  return labelSelectorMatches(peer.namespaceSelector, other.namespaceLabels) && labelSelectorMatches(peer.podSelector, other.labels);
}

function portMatches(rule: Rule, port: number, protocol: string, target: Endpoint): boolean {
  if (!rule.ports || rule.ports.length === 0) return true;
  return rule.ports.some((candidate: { port?: number | string; protocol?: string }) => {
    if ((candidate.protocol ?? 'TCP') !== protocol) return false;
    if (candidate.port === undefined) return true;
    return typeof candidate.port === 'number' ? candidate.port === port : target.namedPorts?.[candidate.port] === port;
  });
}

function allowedOneSide(
  policies: KubeObject[],
  direction: 'Ingress' | 'Egress',
  subject: Endpoint,
  other: Endpoint,
  port: number,
  protocol: string,
  destination: Endpoint,
): boolean {
  if (subject.namespace === undefined) return true; // outside the cluster: not governed by these policies
  const governing = policies.filter(
    (policy) =>
      policy.metadata.namespace === subject.namespace &&
      (policy.spec.policyTypes ?? ['Ingress']).includes(direction) &&
      labelSelectorMatches(policy.spec.podSelector, subject.labels),
  );
  if (governing.length === 0) return true;
  return governing.some((policy) => {
    const rules: Rule[] = (direction === 'Ingress' ? policy.spec.ingress : policy.spec.egress) ?? [];
    return rules.some((rule) => {
      const peers: Peer[] | undefined = direction === 'Ingress' ? rule.from : rule.to;
      const peerOk = !peers || peers.length === 0 || peers.some((peer) => peerMatches(peer, policy.metadata.namespace!, other));
      return peerOk && portMatches(rule, port, protocol, destination);
    });
  });
}

/** Would a connection from `source` to `destination:port` be let through by these NetworkPolicies? */
export function allowsTraffic(policies: KubeObject[], source: Endpoint, destination: Endpoint, port: number, protocol = 'TCP'): boolean {
  return (
    allowedOneSide(policies, 'Egress', source, destination, port, protocol, destination) &&
    allowedOneSide(policies, 'Ingress', destination, source, port, protocol, destination)
  );
}
