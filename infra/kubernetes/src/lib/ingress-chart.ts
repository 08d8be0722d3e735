import { Certificate } from '@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate';
import { ServiceDefinition, serviceId } from '@factsway/service-catalog';
import { ApiObject, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-34';
import { Construct } from 'constructs';
import { ClusterSettings } from './cluster-settings';
import { selectorLabels } from './labels';
import { API_TLS_SECRET } from './secret-references';

/** Paths that exist on every service but must never be reachable from the internet. */
export const INTERNAL_PATHS = ['/metrics', '/health', '/ready'] as const;

/**
 * The public API: a cert-manager Certificate for the host and one Ingress routing each
 * catalog `publicPaths` prefix to its service. Nothing else is routed.
 */
export class IngressChart extends Chart {
  constructor(
    scope: Construct,
    id: string,
    settings: ClusterSettings & { host: string; ingress: NonNullable<ClusterSettings['ingress']> },
    services: readonly ServiceDefinition[],
  ) {
    super(scope, id);
    const namespace = settings.namespace;
    const labels = selectorLabels('factsway-api');

    const certificate = new Certificate({
      metadata: { name: API_TLS_SECRET, namespace, labels },
      spec: {
        secretName: API_TLS_SECRET,
        dnsNames: [settings.host],
        issuerRef: { kind: 'ClusterIssuer', group: 'cert-manager.io', name: settings.ingress.clusterIssuer },
        privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
        usages: ['digital signature', 'key encipherment', 'server auth'],
      },
    });
    new ApiObject(this, 'certificate', certificate.toJSON());

    const paths: k8s.HttpIngressPath[] = services.flatMap((service) =>
      service.publicPaths.map((path) => {
        assertPublic(path, service);
        return {
          path,
          pathType: 'Prefix',
          backend: { service: { name: serviceId(service.name), port: { number: service.port } } },
        };
      }),
    );

    new k8s.KubeIngress(this, 'ingress', {
      metadata: {
        name: 'factsway-api',
        namespace,
        labels,
        annotations: {
          'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
          // Above ingestion's 50 MB file cap plus multipart overhead, so the service itself
          // answers an oversized upload with its JSON 413 instead of nginx's HTML page.
          'nginx.ingress.kubernetes.io/proxy-body-size': '60m',
        },
      },
      spec: {
        ingressClassName: settings.ingress.className,
        tls: [{ hosts: [settings.host], secretName: API_TLS_SECRET }],
        rules: [{ host: settings.host, http: { paths } }],
      },
    });
  }
}

/** True when an ingress `Prefix` path `prefix` would forward a request for `target`. */
export function prefixRoutes(prefix: string, target: string): boolean {
  const base = prefix.replace(/\/+$/, '');
  return base === '' || target === base || target.startsWith(`${base}/`);
}

function assertPublic(path: string, service: ServiceDefinition): void {
  const exposed = INTERNAL_PATHS.find((internal) => prefixRoutes(path, internal) || prefixRoutes(internal, path));
  if (exposed) throw new Error(`${serviceId(service.name)}: public path "${path}" would route ${exposed}`);
}
