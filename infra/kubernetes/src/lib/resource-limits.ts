import { PART_OF, podLabelKeys } from '@factsway/service-catalog';
import { k8s } from 'cdk8s-plus-34';
import { Construct } from 'constructs';
import { CapacityModel, Resources } from './capacity-model';

export const RESOURCE_QUOTA_NAME = 'factsway-compute';
export const LIMIT_RANGE_NAME = 'factsway-container-defaults';

/** Room above the modelled peak, so a namespace at its maximum scale stays under NamespaceQuotaNearLimit's 90%. */
export const QUOTA_HEADROOM = 1.2;

const roundUp = (value: number, step: number) => Math.ceil(value / step) * step;
/** `2000` -> `2`, `500` -> `500m`. */
const cpuQuantity = (millicores: number) => k8s.Quantity.fromString(millicores % 1000 === 0 ? `${millicores / 1000}` : `${millicores}m`);
/** `2048` -> `2Gi`, `128` -> `128Mi`. */
const memoryQuantity = (mebibytes: number) => k8s.Quantity.fromString(mebibytes % 1024 === 0 ? `${mebibytes / 1024}Gi` : `${mebibytes}Mi`);
const cpu = (millicores: number) => cpuQuantity(roundUp(millicores, 500));
const memory = (mebibytes: number) => memoryQuantity(roundUp(mebibytes, 1024));
const quantities = (resources: Resources) => ({ cpu: cpuQuantity(resources.cpu), memory: memoryQuantity(resources.memory) });

/**
 * The namespace's ResourceQuota and LimitRange, from the capacity model of everything else the
 * environment renders: the quota holds every workload at its peak (HPA maximum, surge pods, a
 * PostgreSQL re-clone, the migrations Job) with 20% to spare; the LimitRange gives a container
 * that states nothing the small catalog profile and refuses one larger than the largest rendered.
 */
export function namespaceResourceLimits(scope: Construct, namespace: string, model: CapacityModel): void {
  const metadata = (name: string) => ({ name, namespace, labels: { [podLabelKeys.partOf]: PART_OF } });
  const { peak } = model.requests;
  new k8s.KubeResourceQuota(scope, 'resource-quota', {
    metadata: metadata(RESOURCE_QUOTA_NAME),
    spec: {
      hard: {
        'requests.cpu': cpu(peak.cpu * QUOTA_HEADROOM),
        'requests.memory': memory(peak.memory * QUOTA_HEADROOM),
        'limits.cpu': cpu(model.limits.peak.cpu * QUOTA_HEADROOM),
        'limits.memory': memory(model.limits.peak.memory * QUOTA_HEADROOM),
        pods: k8s.Quantity.fromNumber(Math.ceil(model.pods.peak * QUOTA_HEADROOM)),
      },
    },
  });
  new k8s.KubeLimitRange(scope, 'limit-range', {
    metadata: metadata(LIMIT_RANGE_NAME),
    spec: {
      limits: [
        {
          type: 'Container',
          defaultRequest: quantities({ cpu: 100, memory: 128 }),
          default: quantities({ cpu: 500, memory: 256 }),
          max: quantities(model.largestContainerLimits),
        },
      ],
    },
  });
}
