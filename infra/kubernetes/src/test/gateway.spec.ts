import { DEFAULT_PUBLIC_API_LIMITS, mebibytes, platform, publicApiLimits, services, serviceId } from '@factsway/service-catalog';
import { DEFAULT_BODY_LIMIT, KEEP_ALIVE_TIMEOUT_MS } from '@factsway/shared-utils';
import {
  API_TLS_SECRET,
  apiRouteName,
  GATEWAY_NAME,
  HTTPS_REDIRECT_ROUTE,
  INTERNAL_PATHS,
  memoryMebibytes,
  prefixRoutes,
  trafficPolicyName,
  UPSTREAM_IDLE_TIMEOUT_SECONDS,
} from '../index';
import { committedObjects, KubeObject, ofKind } from './support/committed-manifests';

const deployed = [
  { environment: 'production', host: platform.hosts.production },
  { environment: 'staging', host: platform.hosts.staging },
] as const;

const publicServices = services.filter((service) => service.publicPaths.length > 0);
const ingestion = services.find((service) => service.name === 'ingestion')!;

/** `60Mi` -> 62914560: the binary quantities the policies use, or plain bytes. */
const binarySuffixes: Record<string, number> = { '': 1, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 };
function quantityBytes(quantity: string | number): number {
  const match = /^(\d+)(Ki|Mi|Gi)?$/.exec(String(quantity));
  if (!match) throw new Error(`unexpected quantity ${quantity}`);
  return Number(match[1]) * binarySuffixes[match[2] ?? ''];
}

describe('gateway limits against what the services do', () => {
  it("defaults the body limit to shared-utils' JSON limit (body-parser's 1mb is 1,048,576 bytes)", () => {
    expect(DEFAULT_BODY_LIMIT).toBe('1mb');
    expect(DEFAULT_PUBLIC_API_LIMITS.maxRequestBodyBytes).toBe(1024 * 1024);
  });

  it('closes idle upstream connections before the services do', () => {
    expect(UPSTREAM_IDLE_TIMEOUT_SECONDS * 1000).toBeLessThan(KEEP_ALIVE_TIMEOUT_MS);
  });
});

describe.each(deployed)('$environment public API gateway', ({ environment, host }) => {
  const objects = committedObjects(environment);
  const [gateway] = ofKind(objects, 'Gateway');
  const routes = ofKind(objects, 'HTTPRoute');
  const policies = ofKind(objects, 'BackendTrafficPolicy');
  const apiRoutes = routes.filter((route) => route.spec.parentRefs.every((parent: KubeObject['spec']) => parent.sectionName === 'https'));
  const policyOf = (routeName: string) =>
    policies.filter((policy) => policy.spec.targetRefs.some((ref: KubeObject['spec']) => ref.kind === 'HTTPRoute' && ref.name === routeName));
  const bodyLimitOf = (routeName: string) => quantityBytes(policyOf(routeName)[0].spec.requestBuffer.limit);

  it('has no Ingress left: one Gateway API Gateway serves the host', () => {
    expect(ofKind(objects, 'Ingress')).toEqual([]);
    expect(ofKind(objects, 'Gateway')).toHaveLength(1);
    expect(gateway.metadata.name).toBe(GATEWAY_NAME);
    expect(gateway.spec.listeners.map((listener: KubeObject['spec']) => listener.hostname)).toEqual([host, host]);
  });

  it('terminates TLS with the cert-manager certificate and only redirects plain HTTP', () => {
    const [certificate] = ofKind(objects, 'Certificate');
    expect(certificate.spec).toMatchObject({ secretName: API_TLS_SECRET, dnsNames: [host] });
    const https = gateway.spec.listeners.find((listener: KubeObject['spec']) => listener.protocol === 'HTTPS');
    expect(https).toMatchObject({ port: 443, tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: API_TLS_SECRET }] } });
    const plainRoutes = routes.filter((route) => !apiRoutes.includes(route));
    expect(plainRoutes).toHaveLength(1);
    expect(plainRoutes[0].spec.parentRefs).toEqual([{ name: GATEWAY_NAME, sectionName: 'http' }]);
    expect(plainRoutes[0].spec.rules).toEqual([{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }]);
  });

  it('runs the Gateway on an EnvoyProxy that keeps client addresses and survives losing a pod', () => {
    const [proxy] = ofKind(objects, 'EnvoyProxy');
    expect(gateway.spec.infrastructure.parametersRef).toEqual({ group: 'gateway.envoyproxy.io', kind: 'EnvoyProxy', name: proxy.metadata.name });
    const kubernetes = proxy.spec.provider.kubernetes;
    expect(kubernetes.envoyService.externalTrafficPolicy).toBe('Local');
    expect(kubernetes.envoyDeployment.replicas).toBeGreaterThanOrEqual(2);
    expect(kubernetes.envoyPDB.minAvailable).toBeLessThan(kubernetes.envoyDeployment.replicas);
    // Room for ten maximum-size uploads buffered at once on one Envoy pod.
    expect(memoryMebibytes(kubernetes.envoyDeployment.container.resources.limits.memory) * mebibytes(1)).toBeGreaterThanOrEqual(
      10 * publicApiLimits(ingestion).maxRequestBodyBytes,
    );
  });

  it("routes every service's public paths, each service through its own HTTPRoute", () => {
    expect(apiRoutes.map((route) => route.metadata.name).sort()).toEqual(publicServices.map(apiRouteName).sort());
    for (const service of publicServices) {
      const route = apiRoutes.find((candidate) => candidate.metadata.name === apiRouteName(service))!;
      expect(route.spec.hostnames).toEqual([host]);
      expect(route.spec.rules).toEqual([
        {
          matches: service.publicPaths.map((path) => ({ path: { type: 'PathPrefix', value: path } })),
          backendRefs: [{ name: serviceId(service.name), port: service.port }],
        },
      ]);
    }
  });

  it('makes no /health, /ready or /metrics public, and has no catch-all route on HTTPS', () => {
    const matches = apiRoutes.flatMap((route) => route.spec.rules.flatMap((rule: KubeObject['spec']) => rule.matches ?? []));
    expect(apiRoutes.every((route) => route.spec.rules.every((rule: KubeObject['spec']) => (rule.matches ?? []).length > 0))).toBe(true);
    for (const match of matches) {
      expect(match.path.type).toBe('PathPrefix');
      for (const internal of INTERNAL_PATHS) {
        expect(prefixRoutes(match.path.value, internal)).toBe(false);
        expect(prefixRoutes(match.path.value, `${internal}/`)).toBe(false);
      }
    }
  });

  it('limits every route, the HTTPS redirect included, by exactly one BackendTrafficPolicy', () => {
    expect(policies).toHaveLength(routes.length);
    for (const route of routes) {
      const [policy, ...others] = policyOf(route.metadata.name);
      expect(others).toEqual([]);
      expect(policy.spec.targetRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: route.metadata.name }]);
    }
    const routeNames = [HTTPS_REDIRECT_ROUTE, ...publicServices.map(apiRouteName)];
    expect(policies.map((policy) => policy.metadata.name).sort()).toEqual(routeNames.map(trafficPolicyName).sort());
  });

  it("gives ingestion's upload route alone the 60 MiB body limit; every other route the small limit its service accepts", () => {
    expect(bodyLimitOf(apiRouteName(ingestion))).toBe(mebibytes(60));
    expect(bodyLimitOf(HTTPS_REDIRECT_ROUTE)).toBe(DEFAULT_PUBLIC_API_LIMITS.maxRequestBodyBytes);
    const large = routes.filter((route) => bodyLimitOf(route.metadata.name) > mebibytes(10));
    expect(large.map((route) => route.metadata.name)).toEqual([apiRouteName(ingestion)]);
    for (const service of publicServices) {
      expect(bodyLimitOf(apiRouteName(service))).toBe(publicApiLimits(service).maxRequestBodyBytes);
    }
    const atDefault = publicServices.filter((service) => bodyLimitOf(apiRouteName(service)) === DEFAULT_PUBLIC_API_LIMITS.maxRequestBodyBytes);
    expect(atDefault.map((service) => service.name).sort()).toEqual(['caselaw', 'caseblock', 'exhibits', 'facts', 'records', 'signature'].sort());
  });

  it('rate-limits every route per client address (IPv4 and IPv6), at the catalog rate', () => {
    const expected = [
      { route: HTTPS_REDIRECT_ROUTE, limits: DEFAULT_PUBLIC_API_LIMITS },
      ...publicServices.map((service) => ({ route: apiRouteName(service), limits: publicApiLimits(service) })),
    ];
    expect(expected.map(({ route }) => route).sort()).toEqual(routes.map((route) => route.metadata.name).sort());
    for (const { route, limits } of expected) {
      const [policy] = policyOf(route);
      const { requests, per } = limits.clientRateLimit;
      expect(requests).toBeGreaterThan(0);
      expect(policy.spec.rateLimit.global).toBeUndefined();
      expect(policy.spec.rateLimit.local.rules).toEqual(
        ['0.0.0.0/0', '::/0'].map((cidr) => ({ clientSelectors: [{ sourceCIDR: { type: 'Distinct', value: cidr } }], limit: { requests, unit: per } })),
      );
    }
    expect(publicApiLimits(ingestion).clientRateLimit).toEqual({ requests: 10, per: 'Minute' });
  });

  it('closes idle upstream connections before the services do, on every route', () => {
    for (const policy of policies) expect(policy.spec.timeout).toEqual({ http: { connectionIdleTimeout: `${UPSTREAM_IDLE_TIMEOUT_SECONDS}s` } });
  });

  it("answers the gateway's own 413 and 429 in the services' JSON error shape", () => {
    for (const policy of policies) {
      const overrides = policy.spec.responseOverride as KubeObject['spec'][];
      expect(overrides.map((override) => override.match.statusCodes)).toEqual([[{ type: 'Value', value: 413 }], [{ type: 'Value', value: 429 }]]);
      for (const override of overrides) {
        expect(override.source).toBe('Local');
        expect(override.response.contentType).toBe('application/json');
        const body = JSON.parse(override.response.body.inline.replace('%REQ(X-REQUEST-ID)%', '01J0000000000000000000000'));
        expect(body).toEqual({ error: { code: expect.stringMatching(/^(payload_too_large|rate_limited)$/), message: expect.any(String), requestId: '01J0000000000000000000000' } });
      }
    }
  });
});
