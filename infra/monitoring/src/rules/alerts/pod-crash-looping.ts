import { MonitoredServices, servicePodPattern } from '../../service-selectors';
import { kubernetesMetrics } from '../../metrics';
import { AlertDefinition } from '../rule-types';
import { podName } from '../test-series';

const pod = podName('records-service');
const ksm = `job="kube-state-metrics",namespace="factsway-prod",pod="${pod}",container="records-service"`;

/** Production only: kube-state-metrics. `service` is taken from the Deployment's pod name. */
export function podCrashLooping(services: MonitoredServices): AlertDefinition {
  const pods = servicePodPattern(services);
  return {
    name: 'PodCrashLooping',
    group: 'factsway-kubernetes',
    testEvaluationInterval: '5m',
    rules: [
      {
        alert: 'PodCrashLooping',
        expr: [
          `label_replace(`,
          `  max by (namespace, pod, container) (max_over_time(${kubernetesMetrics.containerWaitingReason}{reason="CrashLoopBackOff",pod=~"${pods}"}[5m])) >= 1`,
          `  or`,
          `  max by (namespace, pod, container) (increase(${kubernetesMetrics.containerRestarts}{pod=~"${pods}"}[1h])) > 3,`,
          `  "service", "$1", "pod", "${pods}"`,
          `)`,
        ].join('\n'),
        for: '10m',
        severity: 'warning',
        scope: 'service',
        summary: '{{ $labels.service }} pod {{ $labels.pod }} keeps restarting',
        description:
          'Container {{ $labels.container }} in pod {{ $labels.pod }} ({{ $labels.service }}) is in CrashLoopBackOff or has restarted more than 3 times in the last hour.',
      },
    ],
    tests: [
      {
        name: 'fires for a container in CrashLoopBackOff',
        inputSeries: [{ series: `${kubernetesMetrics.containerWaitingReason}{${ksm},reason="CrashLoopBackOff"}`, values: '1x30' }],
        evalTime: '20m',
        expectFiring: [
          { service: 'records-service', severity: 'warning', namespace: 'factsway-prod', pod, container: 'records-service' },
        ],
      },
      {
        name: 'fires for a container that restarts every ten minutes',
        inputSeries: [{ series: `${kubernetesMetrics.containerRestarts}{${ksm}}`, values: '0+0.1x90' }],
        evalTime: '80m',
        expectFiring: [
          { service: 'records-service', severity: 'warning', namespace: 'factsway-prod', pod, container: 'records-service' },
        ],
      },
      {
        name: 'does not fire for one restart, nor for a crash loop that clears within minutes',
        inputSeries: [
          { series: `${kubernetesMetrics.containerRestarts}{${ksm}}`, values: '0x10 1x80' },
          { series: `${kubernetesMetrics.containerWaitingReason}{${ksm},reason="CrashLoopBackOff"}`, values: '0x10 1 1 0x70' },
        ],
        evalTime: '80m',
        expectFiring: [],
      },
    ],
  };
}
