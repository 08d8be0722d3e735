/**
 * Spread across zones that refuses to stack: with maxSkew 1 and DoNotSchedule, two replicas
 * land in two zones and three in three, so losing one zone leaves every service, the database
 * and the pooler running (docs/adr/027). Nodes tainted unreachable or not-ready (a lost zone's
 * nodes until they are removed) are left out of the count (`nodeTaintsPolicy: Honor`), so the
 * HPA can still add pods in the zones that remain. A cluster with one zone schedules as before.
 */
export function zoneSpread(matchLabels: Record<string, string>, matchLabelKeys?: string[]) {
  return {
    topologyKey: 'topology.kubernetes.io/zone',
    maxSkew: 1,
    whenUnsatisfiable: 'DoNotSchedule' as const,
    nodeTaintsPolicy: 'Honor' as const,
    labelSelector: { matchLabels },
    ...(matchLabelKeys ? { matchLabelKeys } : {}),
  };
}
