import { committedObjects, ofKind } from './support/committed-manifests';

/**
 * The deploy applies with `kubectl apply --server-side --force-conflicts`. Server-side apply
 * sets exactly the fields present in the applied object and takes ownership of them; a field
 * the object leaves out is never written. So a Deployment an HPA scales must leave out
 * `spec.replicas`, or every release would force it back to the catalog minimum.
 */
describe.each(['production', 'staging'])('%s Deployments scaled by an HPA', (environment) => {
  const objects = committedObjects(environment);
  const autoscaled = new Set(
    ofKind(objects, 'HorizontalPodAutoscaler')
      .filter((hpa) => hpa.spec.scaleTargetRef.kind === 'Deployment')
      .map((hpa) => hpa.spec.scaleTargetRef.name as string),
  );

  it('are every Deployment', () => {
    expect([...autoscaled].sort()).toEqual(ofKind(objects, 'Deployment').map((d) => d.metadata.name).sort());
  });

  it('carry no replica count, so an apply leaves the current scale alone', () => {
    for (const deployment of ofKind(objects, 'Deployment')) {
      expect(autoscaled.has(deployment.metadata.name)).toBe(true);
      expect(Object.keys(deployment.spec)).not.toContain('replicas');
    }
  });
});

describe('local Deployments (no HPA)', () => {
  it('keep their fixed replica count', () => {
    const objects = committedObjects('local');
    expect(ofKind(objects, 'HorizontalPodAutoscaler')).toEqual([]);
    for (const deployment of ofKind(objects, 'Deployment')) expect(deployment.spec.replicas).toBe(1);
  });
});
