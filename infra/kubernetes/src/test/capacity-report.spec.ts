import { allocatable, capacityModel, formatCapacityReport, nodePlan, PLANNED_REQUEST_RATIO } from '../index';
import { committedObjects } from './support/committed-manifests';

describe('the capacity command (npx nx run kubernetes:capacity)', () => {
  const objects = committedObjects('production');
  const node = { cpus: 4, memoryGiB: 16 };

  it('prints every workload, the three scales, the quota, the connection budget and the nodes', () => {
    const report = formatCapacityReport('production', objects, node);
    for (const line of ['Deployment/records-service', 'Cluster/factsway-postgres', 'Pooler/factsway-postgres-pooler-rw', 'minimum (HPA floors)', 'maximum (HPA ceilings)', 'ResourceQuota', 'budget holds', 'with one node lost']) {
      expect(report).toContain(line);
    }
  });

  it('plans enough nodes that the peak requests stay under 85% of what they can give, and survive a zone', () => {
    const model = capacityModel(objects.filter((o) => o.kind !== 'ResourceQuota' && o.kind !== 'LimitRange'));
    const plan = nodePlan(model, node);
    const room = allocatable(node);
    expect(plan.forPeak * room.cpu * PLANNED_REQUEST_RATIO).toBeGreaterThanOrEqual(model.requests.peak.cpu);
    expect(plan.forPeak * room.memory * PLANNED_REQUEST_RATIO).toBeGreaterThanOrEqual(model.requests.peak.memory);
    expect((plan.forPeak - 1) * room.cpu * PLANNED_REQUEST_RATIO < model.requests.peak.cpu || (plan.forPeak - 1) * room.memory * PLANNED_REQUEST_RATIO < model.requests.peak.memory).toBe(true);
    // Two of three zones left must still hold the peak.
    expect((plan.withOneZoneLost * 2) / 3).toBeGreaterThanOrEqual(plan.forPeak);
  });
});
