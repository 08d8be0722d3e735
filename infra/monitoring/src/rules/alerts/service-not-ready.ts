import { MonitoredServices, serviceIdPattern } from '../../service-selectors';
import { kubernetesMetrics } from '../../metrics';
import { AlertDefinition } from '../rule-types';
import { otherServicesUp, podName, up } from '../test-series';

const notReady = (service: string, values: string) => ({
  series: `${kubernetesMetrics.podReady}{job="kube-state-metrics",namespace="factsway-prod",pod="${podName(service)}",uid="u1",condition="false"}`,
  values,
});

/**
 * Production only: pod readiness comes from kube-state-metrics. The join with `up`
 * keeps it to pods whose process answers (a dead process is ServiceDown's job)
 * and brings the `service` label from the scrape target.
 */
export function serviceNotReady(services: MonitoredServices): AlertDefinition {
  return {
    name: 'ServiceNotReady',
    group: 'factsway-kubernetes',
    rules: [
      {
        alert: 'ServiceNotReady',
        expr: [
          `max by (service, namespace, pod) (up{job=~"${serviceIdPattern(services)}"}) == 1`,
          `and on (namespace, pod)`,
          `max by (namespace, pod) (${kubernetesMetrics.podReady}{condition="false"}) == 1`,
        ].join('\n'),
        for: '5m',
        severity: 'warning',
        scope: 'service',
        summary: '{{ $labels.service }} pod {{ $labels.pod }} is up but not ready',
        description:
          'Pod {{ $labels.pod }} of {{ $labels.service }} answers /metrics but has failed its readiness probe (/ready) for 5 minutes, so it receives no traffic; usually its database is unreachable.',
      },
    ],
    tests: [
      {
        name: 'fires when a live pod stays unready',
        inputSeries: [up('records', '1x20'), notReady('records-service', '1x20'), ...otherServicesUp(services, ['records-service'])],
        evalTime: '10m',
        expectFiring: [
          { service: 'records-service', severity: 'warning', namespace: 'factsway-prod', pod: podName('records-service') },
        ],
      },
      {
        name: 'does not fire for an unready spell shorter than 5 minutes',
        inputSeries: [up('records', '1x20'), notReady('records-service', '0 0 1 1 1 0x15')],
        evalTime: '10m',
        expectFiring: [],
      },
      {
        name: 'does not fire when the process itself is down (ServiceDown covers it)',
        inputSeries: [up('records', '0x20'), notReady('records-service', '1x20')],
        evalTime: '10m',
        expectFiring: [],
      },
    ],
  };
}
