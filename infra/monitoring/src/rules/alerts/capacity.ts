import { AlertDefinition } from '../rule-types';

/**
 * Cluster capacity, from kube-state-metrics: the HPA cannot add pods when the nodes or the
 * namespace quota have no room left, and those pods wait in Pending (docs/adr/055-…-capacity-model.md).
 */
export const capacityMetrics = {
  podPhase: 'kube_pod_status_phase',
  hpaCurrentReplicas: 'kube_horizontalpodautoscaler_status_current_replicas',
  hpaMaxReplicas: 'kube_horizontalpodautoscaler_spec_max_replicas',
  resourceQuota: 'kube_resourcequota',
  podRequests: 'kube_pod_container_resource_requests',
  nodeAllocatable: 'kube_node_status_allocatable',
} as const;

const ksm = 'job="kube-state-metrics"';
const ns = 'namespace="factsway-prod"';

export const podPending: AlertDefinition = {
  name: 'PodPending',
  group: 'factsway-capacity',
  rules: [
    {
      alert: 'PodPending',
      expr: `max by (namespace, pod) (${capacityMetrics.podPhase}{${ksm},phase="Pending"}) == 1`,
      for: '15m',
      severity: 'warning',
      scope: 'platform',
      summary: 'Pod {{ $labels.pod }} has been Pending for 15 minutes',
      description:
        'Pod {{ $labels.pod }} in {{ $labels.namespace }} has not been scheduled for 15 minutes: no node has room for its requests, the namespace quota is used up, or its volume cannot bind.',
    },
  ],
  tests: [
    {
      name: 'fires for a pod that no node takes',
      inputSeries: [{ series: `${capacityMetrics.podPhase}{${ksm},${ns},pod="records-service-7c9-x1",phase="Pending"}`, values: '1x30' }],
      evalTime: '20m',
      expectFiring: [{ severity: 'warning', namespace: 'factsway-prod', pod: 'records-service-7c9-x1' }],
    },
    {
      name: 'does not fire for a pod scheduled after a two-minute node scale-up',
      inputSeries: [{ series: `${capacityMetrics.podPhase}{${ksm},${ns},pod="records-service-7c9-x1",phase="Pending"}`, values: '1x2 0x28' }],
      evalTime: '20m',
      expectFiring: [],
    },
  ],
};

const hpa = (metric: string, values: string) => ({
  series: `${metric}{${ksm},${ns},horizontalpodautoscaler="records-service"}`,
  values,
});

export const hpaAtMaximum: AlertDefinition = {
  name: 'HpaAtMaximum',
  group: 'factsway-capacity',
  rules: [
    {
      alert: 'HpaAtMaximum',
      expr: `max by (namespace, horizontalpodautoscaler) (${capacityMetrics.hpaCurrentReplicas}{${ksm}}) >= on (namespace, horizontalpodautoscaler) max by (namespace, horizontalpodautoscaler) (${capacityMetrics.hpaMaxReplicas}{${ksm}})`,
      for: '15m',
      severity: 'warning',
      scope: 'platform',
      summary: 'HPA {{ $labels.horizontalpodautoscaler }} has been at its maximum for 15 minutes',
      description:
        'The autoscaler of {{ $labels.horizontalpodautoscaler }} in {{ $labels.namespace }} has run at maxReplicas for 15 minutes: more load cannot be absorbed. Raise the ceiling only inside the connection budget and the quota (`npx nx run kubernetes:capacity`).',
    },
  ],
  tests: [
    {
      name: 'fires when a service stays at its ceiling',
      inputSeries: [hpa(capacityMetrics.hpaMaxReplicas, '9x30'), hpa(capacityMetrics.hpaCurrentReplicas, '3x5 9x25')],
      evalTime: '25m',
      expectFiring: [{ severity: 'warning', namespace: 'factsway-prod', horizontalpodautoscaler: 'records-service' }],
    },
    {
      name: 'does not fire for a ten-minute burst at the ceiling',
      inputSeries: [hpa(capacityMetrics.hpaMaxReplicas, '9x30'), hpa(capacityMetrics.hpaCurrentReplicas, '3x5 9x10 5x15')],
      evalTime: '25m',
      expectFiring: [],
    },
  ],
};

const quota = (type: string, resource: string, values: string) => ({
  series: `${capacityMetrics.resourceQuota}{${ksm},${ns},resourcequota="factsway-compute",resource="${resource}",type="${type}"}`,
  values,
});

export const namespaceQuotaNearLimit: AlertDefinition = {
  name: 'NamespaceQuotaNearLimit',
  group: 'factsway-capacity',
  rules: [
    {
      alert: 'NamespaceQuotaNearLimit',
      expr: `max by (namespace, resourcequota, resource) (${capacityMetrics.resourceQuota}{${ksm},type="used"} / ignoring (type) (${capacityMetrics.resourceQuota}{${ksm},type="hard"} > 0)) > 0.9`,
      for: '15m',
      severity: 'warning',
      scope: 'platform',
      summary: 'Quota {{ $labels.resourcequota }} is above 90% for {{ $labels.resource }}',
      description:
        'ResourceQuota {{ $labels.resourcequota }} in {{ $labels.namespace }} has had more than 90% of its {{ $labels.resource }} in use for 15 minutes; the next pods (an HPA scale-up, a rolling update surge) will be refused.',
    },
  ],
  tests: [
    {
      name: 'fires when the namespace uses 95% of its CPU requests quota',
      inputSeries: [quota('hard', 'requests.cpu', '20x30'), quota('used', 'requests.cpu', '19x30'), quota('hard', 'requests.memory', '40x30'), quota('used', 'requests.memory', '10x30')],
      evalTime: '20m',
      expectFiring: [{ severity: 'warning', namespace: 'factsway-prod', resourcequota: 'factsway-compute', resource: 'requests.cpu' }],
    },
    {
      name: 'does not fire at 70%',
      inputSeries: [quota('hard', 'requests.cpu', '20x30'), quota('used', 'requests.cpu', '14x30')],
      evalTime: '20m',
      expectFiring: [],
    },
  ],
};

const node = (metric: string, resource: string, values: string, extra = '') => ({
  series: `${metric}{${ksm},node="node-a",resource="${resource}"${extra}}`,
  values,
});

export const nodeRequestsNearAllocatable: AlertDefinition = {
  name: 'NodeRequestsNearAllocatable',
  group: 'factsway-capacity',
  rules: [
    {
      alert: 'NodeRequestsNearAllocatable',
      expr: `sum by (resource) (${capacityMetrics.podRequests}{${ksm},resource=~"cpu|memory"}) / sum by (resource) (${capacityMetrics.nodeAllocatable}{${ksm},resource=~"cpu|memory"}) > 0.85`,
      for: '15m',
      severity: 'warning',
      scope: 'platform',
      summary: 'Pods request more than 85% of the cluster {{ $labels.resource }}',
      description:
        'The pods of the whole cluster have requested more than 85% of the {{ $labels.resource }} the nodes can give for 15 minutes: an HPA scale-up or a node loss leaves pods Pending. Add nodes (`npx nx run kubernetes:capacity` gives the count).',
    },
  ],
  tests: [
    {
      name: 'fires when requests reach 90% of allocatable CPU',
      inputSeries: [
        node(capacityMetrics.nodeAllocatable, 'cpu', '4x30'),
        node(capacityMetrics.podRequests, 'cpu', '3.6x30', ',namespace="factsway-prod",pod="p",container="c"'),
        node(capacityMetrics.nodeAllocatable, 'memory', '16x30'),
        node(capacityMetrics.podRequests, 'memory', '4x30', ',namespace="factsway-prod",pod="p",container="c"'),
      ],
      evalTime: '20m',
      expectFiring: [{ severity: 'warning', resource: 'cpu' }],
    },
    {
      name: 'does not fire at 60%',
      inputSeries: [
        node(capacityMetrics.nodeAllocatable, 'cpu', '4x30'),
        node(capacityMetrics.podRequests, 'cpu', '2.4x30', ',namespace="factsway-prod",pod="p",container="c"'),
      ],
      evalTime: '20m',
      expectFiring: [],
    },
  ],
};
