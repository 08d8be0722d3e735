import { scrapeAnnotations, ServiceDefinition } from '@factsway/service-catalog';
import { k8s } from 'cdk8s-plus-34';
import { Construct } from 'constructs';
import { ClusterSettings } from './cluster-settings';
import { imageReference } from './labels';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext, tmpVolume } from './pod-security';
import { POOLER_NAME } from './postgres-pooler';
import { databaseUrlSource, pooledDatabaseEnvironment, sentryDsnSource } from './secret-references';
import { configChecksum } from './service-config';
import { zoneSpread } from './zone-spread';
import { PRE_STOP_SLEEP_SECONDS, TERMINATION_GRACE_PERIOD_SECONDS } from './shutdown-timing';

export const HTTP_PORT_NAME = 'http';

export interface ServiceDeploymentProps {
  name: string;
  service: ServiceDefinition;
  settings: ClusterSettings;
  labels: Record<string, string>;
  selector: Record<string, string>;
  /** Pods the Deployment runs; also decides whether replicas spread over nodes and zones. */
  replicas: number;
  /**
   * An HPA owns the replica count: the Deployment then carries no `spec.replicas`, so a
   * server-side apply of a new release leaves the current scale alone (docs/adr/023-…-hpa-owns-scale.md).
   */
  autoscaled: boolean;
  /** The ConfigMap's data: its checksum goes on the pod template. */
  configData: Record<string, string>;
  tmpSizeLimit: string;
}

/** The service's Deployment: rolling, probed, restricted, reading its ConfigMap and two Secrets. */
export function serviceDeployment(scope: Construct, props: ServiceDeploymentProps): k8s.KubeDeployment {
  const { name, service, settings, labels, selector, replicas } = props;
  const tmp = tmpVolume(props.tmpSizeLimit);
  const resources = settings.resources(service);
  return new k8s.KubeDeployment(scope, 'deployment', {
    metadata: { name, namespace: settings.namespace, labels },
    spec: {
      ...(props.autoscaled ? {} : { replicas }),
      revisionHistoryLimit: 5,
      progressDeadlineSeconds: 300,
      selector: { matchLabels: selector },
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: k8s.IntOrString.fromNumber(1), maxUnavailable: k8s.IntOrString.fromNumber(0) },
      },
      template: {
        metadata: {
          labels,
          annotations: {
            ...scrapeAnnotations(service.port),
            // A changed ConfigMap rolls the pods, which read it only at start.
            'factsway.com/config-checksum': configChecksum(props.configData),
          },
        },
        spec: {
          serviceAccountName: name,
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          ...(settings.hostNetwork ? { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' } : {}),
          terminationGracePeriodSeconds: TERMINATION_GRACE_PERIOD_SECONDS,
          securityContext: restrictedPodSecurityContext(),
          topologySpreadConstraints: replicas > 1 ? spreadConstraints(selector) : undefined,
          containers: [
            {
              name,
              image: imageReference(settings, name),
              imagePullPolicy: settings.imagePullPolicy,
              ports: [{ name: HTTP_PORT_NAME, containerPort: service.port, protocol: 'TCP' }],
              envFrom: [{ configMapRef: { name: `${name}-config` } }],
              env: secretEnvironment(service, settings),
              resources: {
                requests: quantities(resources.requests),
                limits: quantities(resources.limits),
              },
              startupProbe: httpProbe('/health', { periodSeconds: 2, failureThreshold: 30 }),
              livenessProbe: httpProbe('/health', { periodSeconds: 10, failureThreshold: 3 }),
              readinessProbe: httpProbe('/ready', { periodSeconds: 5, failureThreshold: 2 }),
              lifecycle: { preStop: { sleep: { seconds: PRE_STOP_SLEEP_SECONDS } } },
              securityContext: restrictedContainerSecurityContext(),
              volumeMounts: [tmp.mount],
            },
          ],
          volumes: [tmp.volume],
        },
      },
    },
  });
}

/**
 * DATABASE_URL (services that own tables, unless the settings give a literal one: through the
 * pooler when the cluster has one) and SENTRY_DSN from Secrets.
 */
function secretEnvironment(service: ServiceDefinition, settings: ClusterSettings): k8s.EnvVar[] {
  const env: k8s.EnvVar[] = [];
  if (service.tables.length > 0 && settings.databaseUrl === undefined) {
    if (settings.postgres) {
      env.push(...pooledDatabaseEnvironment(`${POOLER_NAME}.${settings.namespace}.svc`, settings.postgres.databaseName));
    } else {
      env.push({ name: 'DATABASE_URL', valueFrom: databaseUrlSource() });
    }
  }
  if (!('SENTRY_DSN' in settings.environmentOverrides)) {
    env.push({ name: 'SENTRY_DSN', valueFrom: sentryDsnSource() });
  }
  return env;
}

function quantities(values: { cpu: string; memory: string }): Record<string, k8s.Quantity> {
  return { cpu: k8s.Quantity.fromString(values.cpu), memory: k8s.Quantity.fromString(values.memory) };
}

function httpProbe(path: string, timing: { periodSeconds: number; failureThreshold: number }): k8s.Probe {
  return {
    httpGet: { path, port: k8s.IntOrString.fromString(HTTP_PORT_NAME), scheme: 'HTTP' },
    timeoutSeconds: 2,
    successThreshold: 1,
    ...timing,
  };
}

/** Spread replicas over zones when the cluster has them, and always over nodes. */
function spreadConstraints(selector: Record<string, string>): k8s.TopologySpreadConstraint[] {
  return [
    zoneSpread(selector, ['pod-template-hash']),
    {
      topologyKey: 'kubernetes.io/hostname',
      maxSkew: 1,
      whenUnsatisfiable: 'DoNotSchedule',
      nodeTaintsPolicy: 'Honor',
      labelSelector: { matchLabels: selector },
      matchLabelKeys: ['pod-template-hash'],
    },
  ];
}
