import { MonitoredServices, servicePodPattern } from '../../service-selectors';
import { kubernetesMetrics } from '../../metrics';
import { AlertDefinition } from '../rule-types';
import { podName } from '../test-series';

const pod = podName('ingestion-service');
const workingSet = (values: string) => ({
  series: `${kubernetesMetrics.containerWorkingSet}{job="kubernetes-cadvisor",namespace="factsway-prod",pod="${pod}",container="ingestion-service",image="factsway/ingestion:0.1.0"}`,
  values,
});
const limit = {
  series: `${kubernetesMetrics.containerResourceLimits}{job="kube-state-metrics",namespace="factsway-prod",pod="${pod}",container="ingestion-service",resource="memory",unit="byte"}`,
  values: `${768 * 1024 * 1024}x60`,
};

/** Production only: cAdvisor working set against the limit kube-state-metrics reports (from the catalog's resources). */
export function containerMemoryNearLimit(services: MonitoredServices): AlertDefinition {
  const pods = servicePodPattern(services);
  return {
    name: 'ContainerMemoryNearLimit',
    group: 'factsway-kubernetes',
    testEvaluationInterval: '5m',
    rules: [
      {
        alert: 'ContainerMemoryNearLimit',
        expr: [
          `label_replace(`,
          `  max by (namespace, pod, container) (${kubernetesMetrics.containerWorkingSet}{container!="",container!="POD",pod=~"${pods}"})`,
          `  / on (namespace, pod, container)`,
          `  max by (namespace, pod, container) (${kubernetesMetrics.containerResourceLimits}{resource="memory",pod=~"${pods}"})`,
          `  > 0.9,`,
          `  "service", "$1", "pod", "${pods}"`,
          `)`,
        ].join('\n'),
        for: '15m',
        severity: 'warning',
        scope: 'service',
        summary: '{{ $labels.service }} pod {{ $labels.pod }} uses over 90% of its memory limit',
        description:
          'Container {{ $labels.container }} in {{ $labels.pod }} has used more than 90% of its memory limit for 15 minutes; at the limit the kernel OOM-kills it.',
      },
    ],
    tests: [
      {
        name: 'fires when ingestion holds 95% of its 768Mi limit for 20 minutes',
        inputSeries: [workingSet(`${Math.round(0.95 * 768 * 1024 * 1024)}x60`), limit],
        evalTime: '25m',
        expectFiring: [
          { service: 'ingestion-service', severity: 'warning', namespace: 'factsway-prod', pod, container: 'ingestion-service' },
        ],
      },
      {
        name: 'does not fire for a 10-minute spike (a large upload) nor at 80%',
        inputSeries: [
          workingSet(`${Math.round(0.8 * 768 * 1024 * 1024)}x10 ${Math.round(0.97 * 768 * 1024 * 1024)}x10 ${Math.round(0.8 * 768 * 1024 * 1024)}x40`),
          limit,
        ],
        evalTime: '30m',
        expectFiring: [],
      },
    ],
  };
}
