import { capacityModel, cpuMillicores, memoryMebibytes, RESOURCE_QUOTA_NAME } from '../index';
import { committedObjects, KubeObject, ofKind } from './support/committed-manifests';

const cpu = (quantity: unknown) => cpuMillicores(String(quantity));
const memory = (quantity: unknown) => memoryMebibytes(String(quantity));

/** Sum over the Deployments of container requests × HPA maxReplicas, read straight from the manifests. */
function deploymentsAtHpaMaximum(objects: KubeObject[]): { cpu: number; memory: number; pods: number } {
  const total = { cpu: 0, memory: 0, pods: 0 };
  for (const deployment of ofKind(objects, 'Deployment')) {
    const hpa = ofKind(objects, 'HorizontalPodAutoscaler').find((a) => a.spec.scaleTargetRef.name === deployment.metadata.name)!;
    for (const container of deployment.spec.template.spec.containers) {
      total.cpu += cpu(container.resources.requests.cpu) * hpa.spec.maxReplicas;
      total.memory += memory(container.resources.requests.memory) * hpa.spec.maxReplicas;
    }
    total.pods += hpa.spec.maxReplicas;
  }
  return total;
}

describe.each(['production', 'staging'])('%s ResourceQuota and LimitRange', (environment) => {
  const objects = committedObjects(environment);
  const [quota] = ofKind(objects, 'ResourceQuota');
  const [limitRange] = ofKind(objects, 'LimitRange');
  const hard = quota.spec.hard;
  const workloads = objects.filter((o) => !['ResourceQuota', 'LimitRange'].includes(o.kind));
  const model = capacityModel(workloads);

  it('exist once each, in the namespace file', () => {
    expect(quota.metadata.name).toBe(RESOURCE_QUOTA_NAME);
    expect(ofKind(objects, 'ResourceQuota')).toHaveLength(1);
    expect(ofKind(objects, 'LimitRange')).toHaveLength(1);
  });

  it('let every service run at its HPA maximum (summed from the Deployments and HPAs themselves)', () => {
    const atMaximum = deploymentsAtHpaMaximum(objects);
    expect(cpu(hard['requests.cpu'])).toBeGreaterThanOrEqual(atMaximum.cpu);
    expect(memory(hard['requests.memory'])).toBeGreaterThanOrEqual(atMaximum.memory);
    expect(Number(hard.pods)).toBeGreaterThanOrEqual(atMaximum.pods);
  });

  it('hold the peak: HPA maximum plus surge pods, PostgreSQL with a re-clone, the pooler and the migrations Job', () => {
    expect(cpu(hard['requests.cpu'])).toBeGreaterThanOrEqual(model.requests.peak.cpu);
    expect(memory(hard['requests.memory'])).toBeGreaterThanOrEqual(model.requests.peak.memory);
    expect(cpu(hard['limits.cpu'])).toBeGreaterThanOrEqual(model.limits.peak.cpu);
    expect(memory(hard['limits.memory'])).toBeGreaterThanOrEqual(model.limits.peak.memory);
    expect(Number(hard.pods)).toBeGreaterThanOrEqual(model.pods.peak);
    expect(model.workloads.map((w) => w.workload.split('/')[0])).toEqual(expect.arrayContaining(['Deployment', 'Cluster', 'Pooler', 'Job']));
  });

  it('stay under the NamespaceQuotaNearLimit threshold (90%) with every service at its maximum', () => {
    expect(model.requests.max.cpu / cpu(hard['requests.cpu'])).toBeLessThan(0.9);
    expect(model.requests.max.memory / memory(hard['requests.memory'])).toBeLessThan(0.9);
  });

  it('allow every rendered container and give defaults to one that states nothing', () => {
    const [limits] = limitRange.spec.limits;
    expect(limits.type).toBe('Container');
    expect(cpu(limits.max.cpu)).toBeGreaterThanOrEqual(model.largestContainerLimits.cpu);
    expect(memory(limits.max.memory)).toBeGreaterThanOrEqual(model.largestContainerLimits.memory);
    expect(cpu(limits.defaultRequest.cpu)).toBeLessThanOrEqual(cpu(limits.default.cpu));
  });

  it('fails the check when a service is raised past the quota', () => {
    const raised = structuredClone(objects);
    for (const hpa of ofKind(raised, 'HorizontalPodAutoscaler')) hpa.spec.maxReplicas *= 4;
    expect(deploymentsAtHpaMaximum(raised).cpu).toBeGreaterThan(cpu(hard['requests.cpu']));
  });
});
