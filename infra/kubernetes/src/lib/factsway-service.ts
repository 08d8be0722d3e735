import { createHash } from 'node:crypto';
import { peerUrlVariable, ServiceDefinition, serviceId, getService } from '@factsway/service-catalog';
import { k8s } from 'cdk8s-plus-34';
import { Construct } from 'constructs';
import { ClusterSettings } from './cluster-settings';
import { imageReference, scrapeAnnotations, selectorLabels, workloadLabels } from './labels';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext, tmpVolume } from './pod-security';
import { databaseUrlSource, sentryDsnSource } from './secret-references';
import { PRE_STOP_SLEEP_SECONDS, TERMINATION_GRACE_PERIOD_SECONDS } from './shutdown-timing';

export interface FactswayServiceProps {
  /** The catalog entry: name, port, peers, tables and resources all come from it. */
  service: ServiceDefinition;
  settings: ClusterSettings;
  /**
   * Size limit of the writable `/tmp` emptyDir.
   * @default '64Mi'
   */
  tmpSizeLimit?: string;
}

const HTTP_PORT_NAME = 'http';

/**
 * One FACTSWAY backend service: ServiceAccount, ConfigMap, Deployment and ClusterIP Service,
 * plus a PodDisruptionBudget and HorizontalPodAutoscaler when the settings autoscale.
 */
export class FactswayService extends Construct {
  readonly name: string;
  readonly deployment: k8s.KubeDeployment;
  readonly service: k8s.KubeService;
  readonly configMap: k8s.KubeConfigMap;

  constructor(scope: Construct, id: string, props: FactswayServiceProps) {
    super(scope, id);
    const { service, settings } = props;
    const name = serviceId(service.name);
    this.name = name;
    const namespace = settings.namespace;
    const labels = workloadLabels(name, settings.version, 'api');
    const selector = selectorLabels(name);
    const replicas = settings.replicas(service);

    new k8s.KubeServiceAccount(this, 'service-account', {
      metadata: { name, namespace, labels },
      automountServiceAccountToken: false,
    });

    const configData = serviceConfig(service, settings);
    const ownsTables = service.tables.length > 0;
    this.configMap = new k8s.KubeConfigMap(this, 'config', {
      metadata: { name: `${name}-config`, namespace, labels },
      data: configData,
    });

    const tmp = tmpVolume(props.tmpSizeLimit ?? '64Mi');
    const resources = settings.resources(service);
    const secretEnv: k8s.EnvVar[] = [];
    if (ownsTables && settings.databaseUrl === undefined) {
      secretEnv.push({ name: 'DATABASE_URL', valueFrom: databaseUrlSource() });
    }
    if (!('SENTRY_DSN' in settings.environmentOverrides)) {
      secretEnv.push({ name: 'SENTRY_DSN', valueFrom: sentryDsnSource() });
    }

    this.deployment = new k8s.KubeDeployment(this, 'deployment', {
      metadata: { name, namespace, labels },
      spec: {
        replicas,
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
              'factsway.com/config-checksum': checksum(configData),
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
                image: imageReference(settings.registry, name, settings.version),
                imagePullPolicy: settings.imagePullPolicy,
                ports: [{ name: HTTP_PORT_NAME, containerPort: service.port, protocol: 'TCP' }],
                envFrom: [{ configMapRef: { name: `${name}-config` } }],
                env: secretEnv,
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

    this.service = new k8s.KubeService(this, 'service', {
      metadata: { name, namespace, labels },
      spec: {
        type: 'ClusterIP',
        selector,
        ports: [
          { name: HTTP_PORT_NAME, port: service.port, targetPort: k8s.IntOrString.fromString(HTTP_PORT_NAME), protocol: 'TCP' },
        ],
      },
    });

    if (settings.autoscalingFactor !== undefined) {
      new k8s.KubePodDisruptionBudget(this, 'disruption-budget', {
        metadata: { name, namespace, labels },
        spec: {
          // With at least two replicas (the catalog guarantees it) a drain can always proceed.
          maxUnavailable: k8s.IntOrString.fromNumber(1),
          selector: { matchLabels: selector },
          unhealthyPodEvictionPolicy: 'AlwaysAllow',
        },
      });
      new k8s.KubeHorizontalPodAutoscalerV2(this, 'autoscaler', {
        metadata: { name, namespace, labels },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
          minReplicas: replicas,
          maxReplicas: replicas * settings.autoscalingFactor,
          metrics: [
            {
              type: 'Resource',
              resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: settings.targetCpuUtilization } },
            },
          ],
          behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
        },
      });
    }
  }
}

/** Non-secret environment of a service, in the order a reader expects. */
export function serviceConfig(service: ServiceDefinition, settings: ClusterSettings): Record<string, string> {
  const peers = Object.fromEntries(
    service.peers.map((peer) => [peerUrlVariable(peer), settings.peerUrl(getService(peer))]),
  );
  return {
    DEPLOYMENT_ENV: settings.environment,
    SERVICE_NAME: serviceId(service.name),
    APP_VERSION: settings.version,
    PORT: String(service.port),
    HOST: settings.bindHost,
    LOG_LEVEL: settings.logLevel,
    ...(service.tables.length > 0 && settings.databaseUrl !== undefined ? { DATABASE_URL: settings.databaseUrl } : {}),
    ...peers,
    ...settings.environmentOverrides,
  };
}

function checksum(data: Record<string, string>): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 16);
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
    {
      topologyKey: 'topology.kubernetes.io/zone',
      maxSkew: 1,
      whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector: { matchLabels: selector },
      matchLabelKeys: ['pod-template-hash'],
    },
    {
      topologyKey: 'kubernetes.io/hostname',
      maxSkew: 1,
      whenUnsatisfiable: 'DoNotSchedule',
      labelSelector: { matchLabels: selector },
      matchLabelKeys: ['pod-template-hash'],
    },
  ];
}
