import { committedObjects, ofKind } from './support/committed-manifests';

const ZONE = 'topology.kubernetes.io/zone';

/** The zone constraint of a pod spec, if any. */
function zoneConstraint(podSpec: any) {
  return (podSpec?.topologySpreadConstraints ?? []).find((constraint: any) => constraint.topologyKey === ZONE);
}

/**
 * docs/adr/027: production survives the loss of one of its three zones. That holds only when
 * every workload keeps at least two pods in two different zones at its minimum, so each
 * needs a minimum of two and a zone spread that refuses to stack (DoNotSchedule, maxSkew 1)
 * while ignoring the lost zone's tainted nodes.
 */
describe('production survives the loss of one zone', () => {
  const objects = committedObjects('production');

  it('every service runs at least two pods, never two in one zone', () => {
    const minimum = Object.fromEntries(
      ofKind(objects, 'HorizontalPodAutoscaler').map((hpa) => [hpa.spec.scaleTargetRef.name, hpa.spec.minReplicas as number]),
    );
    const deployments = ofKind(objects, 'Deployment');
    expect(deployments.length).toBe(8);
    for (const deployment of deployments) {
      expect([deployment.metadata.name, minimum[deployment.metadata.name] >= 2]).toEqual([deployment.metadata.name, true]);
      const zone = zoneConstraint(deployment.spec.template.spec);
      expect(zone).toMatchObject({ maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule', nodeTaintsPolicy: 'Honor' });
      expect(zone.labelSelector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
    }
  });

  it('the database keeps three instances in three zones and the pooler two or more, spread the same way', () => {
    const [cluster] = ofKind(objects, 'Cluster');
    expect(cluster.spec.instances).toBeGreaterThanOrEqual(3);
    expect(zoneConstraint(cluster.spec)).toMatchObject({ maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule', nodeTaintsPolicy: 'Honor' });
    const [pooler] = ofKind(objects, 'Pooler');
    expect(pooler.spec.instances).toBeGreaterThanOrEqual(2);
    expect(zoneConstraint(pooler.spec.template.spec)).toMatchObject({ maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule' });
  });

  it('no workload anywhere is spread across zones only as a preference', () => {
    for (const environment of ['production', 'staging']) {
      const text = JSON.stringify(committedObjects(environment));
      expect(text).not.toContain('ScheduleAnyway');
    }
  });
});
