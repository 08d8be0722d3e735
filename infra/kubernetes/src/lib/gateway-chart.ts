import { Certificate } from '@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate';
import { DEFAULT_PUBLIC_API_LIMITS, PublicApiLimits, publicApiLimits, ServiceDefinition, serviceId } from '@factsway/service-catalog';
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterSettings, GatewaySettings } from './cluster-settings';
import { GATEWAY_NAME } from './gateway-data-plane';
import {
  BackendTrafficPolicySpec,
  ENVOY_GATEWAY_API_VERSION,
  EnvoyProxySpec,
  GATEWAY_API_VERSION,
  GatewaySpec,
  HTTPRouteSpec,
  ResponseOverride,
} from './gateway-api-types';
import { selectorLabels } from './labels';
import { byteQuantity } from './quantities';
import { assertPublicPaths } from './public-paths';
import { API_TLS_SECRET } from './secret-references';

/**
 * Envoy drops an idle connection to a service before the service does (shared-utils keeps idle
 * keep-alive connections 65 s), so Envoy never sends a request on a connection Node is closing.
 */
export const UPSTREAM_IDLE_TIMEOUT_SECONDS = 60;

const HTTPS_LISTENER = 'https';
const HTTP_LISTENER = 'http';

/** `records` -> `records-service-api`: the HTTPRoute of a service's public paths. */
export function apiRouteName(service: ServiceDefinition): string {
  return `${serviceId(service.name)}-api`;
}

/** Plain HTTP: one route that only redirects to HTTPS. */
export const HTTPS_REDIRECT_ROUTE = `${GATEWAY_NAME}-https-redirect`;

/** The Envoy Gateway BackendTrafficPolicy that limits the HTTPRoute `routeName`. */
export function trafficPolicyName(routeName: string): string {
  return `${routeName}-limits`;
}

/**
 * The public API on Gateway API (docs/adr/026): a cert-manager Certificate for the host, the
 * EnvoyProxy that shapes the Envoy pods, one Gateway (HTTPS with that certificate; plain HTTP
 * only redirects), and per public service one HTTPRoute for its catalog `publicPaths` with a
 * BackendTrafficPolicy holding its body size and per-client rate limits. Nothing else is routed.
 */
export class GatewayChart extends Chart {
  private readonly targetNamespace: string;
  private readonly objectLabels: Record<string, string>;

  constructor(
    scope: Construct,
    id: string,
    settings: ClusterSettings & { host: string; gateway: GatewaySettings },
    services: readonly ServiceDefinition[],
  ) {
    super(scope, id);
    this.targetNamespace = settings.namespace;
    this.objectLabels = selectorLabels(GATEWAY_NAME);
    const { host } = settings;

    const certificate = new Certificate({
      metadata: { name: API_TLS_SECRET, namespace: this.targetNamespace, labels: this.objectLabels },
      spec: {
        secretName: API_TLS_SECRET,
        dnsNames: [host],
        issuerRef: { kind: 'ClusterIssuer', group: 'cert-manager.io', name: settings.gateway.clusterIssuer },
        privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
        usages: ['digital signature', 'key encipherment', 'server auth'],
      },
    });
    new ApiObject(this, 'certificate', certificate.toJSON());

    const proxy: EnvoyProxySpec = {
      provider: {
        type: 'Kubernetes',
        kubernetes: {
          envoyDeployment: { replicas: settings.gateway.envoyReplicas, container: { resources: settings.gateway.envoyResources } },
          // Per-client rate limits need the client's address; a `Cluster` policy would SNAT it to a node's.
          // Envoy Gateway's default too, written out because the limits depend on it.
          envoyService: { externalTrafficPolicy: 'Local' },
          envoyPDB: { minAvailable: 1 },
        },
      },
    };
    this.object('envoy-proxy', ENVOY_GATEWAY_API_VERSION, 'EnvoyProxy', GATEWAY_NAME, proxy);

    const gateway: GatewaySpec = {
      gatewayClassName: settings.gateway.gatewayClassName,
      infrastructure: { parametersRef: { group: 'gateway.envoyproxy.io', kind: 'EnvoyProxy', name: GATEWAY_NAME } },
      listeners: [
        {
          name: HTTPS_LISTENER,
          hostname: host,
          port: 443,
          protocol: 'HTTPS',
          tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: API_TLS_SECRET }] },
          allowedRoutes: { namespaces: { from: 'Same' } },
        },
        { name: HTTP_LISTENER, hostname: host, port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' } } },
      ],
    };
    this.object('gateway', GATEWAY_API_VERSION, 'Gateway', GATEWAY_NAME, gateway);

    const redirect: HTTPRouteSpec = {
      parentRefs: [{ name: GATEWAY_NAME, sectionName: HTTP_LISTENER }],
      hostnames: [host],
      rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }],
    };
    this.route(HTTPS_REDIRECT_ROUTE, redirect, DEFAULT_PUBLIC_API_LIMITS);

    for (const service of services.filter((candidate) => candidate.publicPaths.length > 0)) {
      assertPublicPaths(service);
      const route: HTTPRouteSpec = {
        parentRefs: [{ name: GATEWAY_NAME, sectionName: HTTPS_LISTENER }],
        hostnames: [host],
        rules: [
          {
            matches: service.publicPaths.map((path) => ({ path: { type: 'PathPrefix', value: path } })),
            backendRefs: [{ name: serviceId(service.name), port: service.port }],
          },
        ],
      };
      this.route(apiRouteName(service), route, publicApiLimits(service));
    }
  }

  /** An HTTPRoute and the policy that limits it: no route exists without one. */
  private route(name: string, spec: HTTPRouteSpec, limits: PublicApiLimits): void {
    this.object(name, GATEWAY_API_VERSION, 'HTTPRoute', name, spec);
    this.object(trafficPolicyName(name), ENVOY_GATEWAY_API_VERSION, 'BackendTrafficPolicy', trafficPolicyName(name), limitsOf(name, limits));
  }

  private object(id: string, apiVersion: string, kind: string, name: string, spec: object): void {
    new ApiObject(this, id, { apiVersion, kind, metadata: { name, namespace: this.targetNamespace, labels: this.objectLabels }, spec });
  }
}

/**
 * Body size through Envoy's buffer filter (`requestBuffer`: a larger body gets 413 before the
 * service sees it) and a local token bucket per distinct client address (`sourceCIDR` type
 * `Distinct` over every IPv4 and IPv6 address). Both rejections answer in the services' error shape.
 */
function limitsOf(routeName: string, { maxRequestBodyBytes, clientRateLimit }: PublicApiLimits): BackendTrafficPolicySpec {
  const perClient = (cidr: string) => ({
    clientSelectors: [{ sourceCIDR: { type: 'Distinct' as const, value: cidr } }],
    limit: { requests: clientRateLimit.requests, unit: clientRateLimit.per },
  });
  return {
    targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: routeName }],
    requestBuffer: { limit: byteQuantity(maxRequestBodyBytes) },
    rateLimit: { local: { rules: [perClient('0.0.0.0/0'), perClient('::/0')] } },
    timeout: { http: { connectionIdleTimeout: `${UPSTREAM_IDLE_TIMEOUT_SECONDS}s` } },
    responseOverride: [
      errorResponse(413, 'payload_too_large', `Request body is larger than the limit of ${maxRequestBodyBytes} bytes`),
      errorResponse(429, 'rate_limited', `More than ${clientRateLimit.requests} requests per ${clientRateLimit.per.toLowerCase()} from this client; retry later`),
    ],
  };
}

/** An Envoy-generated rejection rewritten as `{error:{code,message,requestId}}` (docs/adr/006). */
function errorResponse(status: number, code: string, message: string): ResponseOverride {
  // %REQ(X-REQUEST-ID)% is an Envoy command operator: the id Envoy forwards as x-request-id.
  const body = `{"error":{"code":"${code}","message":"${message}","requestId":"%REQ(X-REQUEST-ID)%"}}`;
  return {
    match: { statusCodes: [{ type: 'Value', value: status }] },
    source: 'Local',
    response: { contentType: 'application/json', body: { type: 'Inline', inline: body } },
  };
}
