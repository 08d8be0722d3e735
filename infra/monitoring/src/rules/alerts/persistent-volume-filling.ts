import { AlertDefinition } from '../rule-types';

/** Kubelet volume statistics (the `kubelet` scrape job): PostgreSQL's volumes and any other claim in the namespace. */
export const volumeMetrics = {
  used: 'kubelet_volume_stats_used_bytes',
  capacity: 'kubelet_volume_stats_capacity_bytes',
} as const;

const usedRatio = `max by (namespace, persistentvolumeclaim) (${volumeMetrics.used}{job="kubelet"} / ${volumeMetrics.capacity}{job="kubelet"})`;
const claim = (metric: string, values: string) => ({
  series: `${metric}{job="kubelet",namespace="factsway-prod",persistentvolumeclaim="factsway-postgres-1",node="node-a"}`,
  values,
});
const gib = 1024 ** 3;
const labels = { namespace: 'factsway-prod', persistentvolumeclaim: 'factsway-postgres-1' };

export const persistentVolumeFilling: AlertDefinition = {
  name: 'PersistentVolumeFilling',
  group: 'factsway-capacity',
  rules: [
    {
      alert: 'PersistentVolumeFilling',
      expr: `${usedRatio} > 0.8`,
      for: '15m',
      severity: 'warning',
      scope: 'platform',
      summary: 'Volume {{ $labels.persistentvolumeclaim }} is more than 80% full',
      description:
        'PersistentVolumeClaim {{ $labels.persistentvolumeclaim }} in {{ $labels.namespace }} has been more than 80% full for 15 minutes; grow it before it fills (a full PostgreSQL volume stops the database).',
    },
    {
      alert: 'PersistentVolumeFilling',
      expr: `${usedRatio} > 0.9`,
      for: '5m',
      severity: 'critical',
      scope: 'platform',
      summary: 'Volume {{ $labels.persistentvolumeclaim }} is more than 90% full',
      description:
        'PersistentVolumeClaim {{ $labels.persistentvolumeclaim }} in {{ $labels.namespace }} has been more than 90% full for 5 minutes; PostgreSQL stops accepting writes when its volume is full.',
    },
  ],
  tests: [
    {
      name: 'opens a ticket above 80%',
      inputSeries: [claim(volumeMetrics.capacity, `${20 * gib}x30`), claim(volumeMetrics.used, `${17 * gib}x30`)],
      evalTime: '20m',
      expectFiring: [{ severity: 'warning', ...labels }],
    },
    {
      name: 'pages above 90%',
      inputSeries: [claim(volumeMetrics.capacity, `${20 * gib}x30`), claim(volumeMetrics.used, `${19 * gib}x30`)],
      evalTime: '20m',
      expectFiring: [
        { severity: 'warning', ...labels },
        { severity: 'critical', ...labels },
      ],
    },
    {
      name: 'does not fire at 60%',
      inputSeries: [claim(volumeMetrics.capacity, `${20 * gib}x30`), claim(volumeMetrics.used, `${12 * gib}x30`)],
      evalTime: '20m',
      expectFiring: [],
    },
  ],
};
