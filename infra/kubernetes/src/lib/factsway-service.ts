import { ServiceDefinition, serviceId } from '@factsway/service-catalog';
import { k8s } from 'cdk8s-plus-34';
import { Construct } from 'constructs';
import { ClusterSettings } from './cluster-settings';
import { selectorLabels, workloadLabels } from './labels';
import { serviceAutoscaling } from './service-autoscaling';
import { serviceConfig } from './service-config';
import { HTTP_PORT_NAME, serviceDeployment } from './service-deployment';

export interface FactswayServiceProps {
  /** The catalog entry: name, port, peers, tables and resources all come from it. */
  service: ServiceDefinition;
  /** The definitions of `service.peers`, in that order (see `peersOf`). */
  peers: readonly ServiceDefinition[];
  settings: ClusterSettings;
  /**
   * Size limit of the writable `/tmp` emptyDir.
   * @default '64Mi'
   */
  tmpSizeLimit?: string;
}

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

    const configData = serviceConfig(service, settings, props.peers);
    this.configMap = new k8s.KubeConfigMap(this, 'config', {
      metadata: { name: `${name}-config`, namespace, labels },
      data: configData,
    });

    this.deployment = serviceDeployment(this, {
      name,
      service,
      settings,
      labels,
      selector,
      replicas,
      autoscaled: settings.autoscalingFactor !== undefined,
      configData,
      tmpSizeLimit: props.tmpSizeLimit ?? '64Mi',
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
      serviceAutoscaling(this, {
        name,
        namespace,
        labels,
        selector,
        replicas,
        autoscalingFactor: settings.autoscalingFactor,
        targetCpuUtilization: settings.targetCpuUtilization,
      });
    }
  }
}
