import { k8s } from 'cdk8s-plus-34';
import { Construct } from 'constructs';

export interface ServiceAutoscalingProps {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  selector: Record<string, string>;
  /** The catalog replicas: the HPA's floor. */
  replicas: number;
  /** HPA ceiling as a multiple of `replicas`. */
  autoscalingFactor: number;
  targetCpuUtilization: number;
}

/** A PodDisruptionBudget that always lets a drain proceed, and a CPU-based HorizontalPodAutoscaler. */
export function serviceAutoscaling(scope: Construct, props: ServiceAutoscalingProps): void {
  const { name, namespace, labels, selector, replicas } = props;
  new k8s.KubePodDisruptionBudget(scope, 'disruption-budget', {
    metadata: { name, namespace, labels },
    spec: {
      // With at least two replicas (the catalog guarantees it) a drain can always proceed.
      maxUnavailable: k8s.IntOrString.fromNumber(1),
      selector: { matchLabels: selector },
      unhealthyPodEvictionPolicy: 'AlwaysAllow',
    },
  });
  new k8s.KubeHorizontalPodAutoscalerV2(scope, 'autoscaler', {
    metadata: { name, namespace, labels },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      minReplicas: replicas,
      maxReplicas: replicas * props.autoscalingFactor,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: props.targetCpuUtilization } },
        },
      ],
      behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
    },
  });
}
