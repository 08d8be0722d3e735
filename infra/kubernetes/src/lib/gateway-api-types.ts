/**
 * The fields of the Gateway API and Envoy Gateway resources that `gateway-chart.ts` writes,
 * typed after their CRDs: Gateway API v1.6.1 standard channel (`gateway.networking.k8s.io/v1`)
 * and Envoy Gateway v1.9.0 (`gateway.envoyproxy.io/v1alpha1`). The schema test validates the
 * rendered objects against those CRDs (src/test/fixtures/crds), unknown fields included.
 */
import type { ServiceResources } from '@factsway/service-catalog';

export const GATEWAY_API_VERSION = 'gateway.networking.k8s.io/v1';
export const ENVOY_GATEWAY_API_VERSION = 'gateway.envoyproxy.io/v1alpha1';

export interface GatewayListener {
  name: string;
  hostname?: string;
  port: number;
  protocol: 'HTTP' | 'HTTPS';
  tls?: { mode: 'Terminate'; certificateRefs: { group: ''; kind: 'Secret'; name: string }[] };
  allowedRoutes?: { namespaces: { from: 'Same' | 'All' } };
}

export interface GatewaySpec {
  gatewayClassName: string;
  /** The Envoy Gateway `EnvoyProxy` (same namespace) that shapes this Gateway's Envoy pods and Service. */
  infrastructure: { parametersRef: { group: 'gateway.envoyproxy.io'; kind: 'EnvoyProxy'; name: string } };
  listeners: GatewayListener[];
}

export interface HTTPRouteRule {
  matches?: { path: { type: 'PathPrefix' | 'Exact'; value: string } }[];
  filters?: { type: 'RequestRedirect'; requestRedirect: { scheme: 'https'; statusCode: 301 | 302 } }[];
  backendRefs?: { name: string; port: number }[];
}

export interface HTTPRouteSpec {
  parentRefs: { name: string; sectionName?: string }[];
  hostnames: string[];
  rules: HTTPRouteRule[];
}

export interface RateLimitRule {
  clientSelectors: { sourceCIDR: { type: 'Distinct' | 'Exact'; value: string } }[];
  limit: { requests: number; unit: 'Second' | 'Minute' | 'Hour' };
}

export interface ResponseOverride {
  match: { statusCodes: { type: 'Value'; value: number }[] };
  /** `Local`: only responses Envoy generates itself (413 from the buffer, 429 from the rate limit). */
  source: 'Local' | 'Backend' | 'All';
  response: { contentType: string; body: { type: 'Inline'; inline: string } };
}

export interface EnvoyProxySpec {
  provider: {
    type: 'Kubernetes';
    kubernetes: {
      envoyDeployment: { replicas: number; container: { resources: ServiceResources } };
      /** `Local`: the load balancer delivers to a node's own Envoy pod and keeps the client's source address. */
      envoyService: { externalTrafficPolicy: 'Local' | 'Cluster' };
      envoyPDB: { minAvailable: number };
    };
  };
}

export interface BackendTrafficPolicySpec {
  targetRefs: { group: 'gateway.networking.k8s.io'; kind: 'HTTPRoute'; name: string }[];
  /** Buffers each request whole; a body above `limit` (a quantity such as `1Mi`) gets 413. */
  requestBuffer: { limit: string };
  rateLimit: { local: { rules: RateLimitRule[] } };
  responseOverride: ResponseOverride[];
  /** `connectionIdleTimeout`: how long Envoy keeps an idle upstream connection (Envoy's default: 1 hour). */
  timeout: { http: { connectionIdleTimeout: string } };
}
