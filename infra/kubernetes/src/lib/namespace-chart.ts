import { PART_OF, podLabelKeys } from '@factsway/service-catalog';
import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-34';
import { Construct } from 'constructs';
import { ClusterSettings } from './cluster-settings';

/** The environment's namespace, with Pod Security Standards "restricted" enforced by the API server. */
export class NamespaceChart extends Chart {
  constructor(scope: Construct, id: string, settings: ClusterSettings) {
    super(scope, id);
    new k8s.KubeNamespace(this, 'namespace', {
      metadata: {
        name: settings.namespace,
        labels: {
          [podLabelKeys.partOf]: PART_OF,
          'factsway.com/environment': settings.environment,
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/enforce-version': 'latest',
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
        },
      },
    });
  }
}
