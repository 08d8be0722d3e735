import { BudgetObject } from './connection-budget';
import { cpuMillicores, memoryMebibytes } from './quantities';

/** CPU in millicores and memory in MiB. */
export interface Resources {
  cpu: number;
  memory: number;
}

export interface WorkloadCapacity {
  /** `Deployment/records-service`, `Cluster/factsway-postgres`, … */
  workload: string;
  /** Pods at the HPA minimum (or the fixed count). */
  minPods: number;
  /** Pods at the HPA maximum. */
  maxPods: number;
  /** Pods at worst: the maximum plus what a rollout or a replica join adds for a while. */
  peakPods: number;
  /** Per pod, every container summed. */
  requests: Resources;
  limits: Resources;
}

export interface CapacityModel {
  workloads: WorkloadCapacity[];
  requests: { min: Resources; max: Resources; peak: Resources };
  limits: { min: Resources; max: Resources; peak: Resources };
  pods: { min: number; max: number; peak: number };
  /** The largest single-container limits: the LimitRange maximum must allow them. */
  largestContainerLimits: Resources;
}

/** A container's `resources`, or a CloudNativePG Cluster's. */
interface ContainerResources {
  requests?: { cpu?: string; memory?: string };
  limits?: { cpu?: string; memory?: string };
}

function resourcesOfContainers(containers: { resources?: ContainerResources }[]): ContainerResources[] {
  return containers.map((container) => container.resources ?? {});
}

const zero = (): Resources => ({ cpu: 0, memory: 0 });
const add = (a: Resources, b: Resources, times = 1): Resources => ({ cpu: a.cpu + b.cpu * times, memory: a.memory + b.memory * times });

function resourcesOf(containers: ContainerResources[], kind: 'requests' | 'limits', owner: string): Resources {
  return containers.reduce<Resources>((sum, container) => {
    const quantities = container[kind];
    if (!quantities?.cpu || !quantities.memory) throw new Error(`${owner}: a container without ${kind} (a quota namespace needs them)`);
    return add(sum, { cpu: cpuMillicores(String(quantities.cpu)), memory: memoryMebibytes(String(quantities.memory)) });
  }, zero());
}

function intOf(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : value === undefined ? fallback : Number.parseInt(String(value), 10);
}

/**
 * Requests, limits and pods of an environment's rendered workloads, at the minimum, at the
 * maximum (every HPA at maxReplicas) and at the peak (plus rolling-update surge pods, a
 * PostgreSQL replica being re-cloned, and the migrations Job). ResourceQuota, LimitRange and
 * `npx nx run kubernetes:capacity` all come from it.
 */
export function capacityModel(objects: readonly BudgetObject[]): CapacityModel {
  const workloads: WorkloadCapacity[] = [];
  const byKind = (kind: string) => objects.filter((object) => object.kind === kind);
  let largest = zero();
  const note = (containers: ContainerResources[], owner: string) => {
    for (const container of containers) {
      const limits = resourcesOf([container], 'limits', owner);
      largest = { cpu: Math.max(largest.cpu, limits.cpu), memory: Math.max(largest.memory, limits.memory) };
    }
  };

  for (const deployment of byKind('Deployment')) {
    const containers = resourcesOfContainers(deployment.spec.template.spec.containers);
    const workload = `Deployment/${deployment.metadata.name}`;
    note(containers, workload);
    const hpa = byKind('HorizontalPodAutoscaler').find((a) => a.spec.scaleTargetRef.name === deployment.metadata.name);
    const minPods = hpa ? hpa.spec.minReplicas : intOf(deployment.spec.replicas, 1);
    const maxPods = hpa ? hpa.spec.maxReplicas : minPods;
    workloads.push({
      workload,
      minPods,
      maxPods,
      peakPods: maxPods + intOf(deployment.spec.strategy?.rollingUpdate?.maxSurge, 0),
      requests: resourcesOf(containers, 'requests', workload),
      limits: resourcesOf(containers, 'limits', workload),
    });
  }
  for (const cluster of byKind('Cluster')) {
    const container: ContainerResources = cluster.spec.resources;
    const workload = `Cluster/${cluster.metadata.name}`;
    note([container], workload);
    // Instances are replaced in place; a replica being re-cloned runs a join Job pod of the same size.
    workloads.push({
      workload,
      minPods: cluster.spec.instances,
      maxPods: cluster.spec.instances,
      peakPods: cluster.spec.instances + 1,
      requests: resourcesOf([container], 'requests', workload),
      limits: resourcesOf([container], 'limits', workload),
    });
  }
  for (const pooler of byKind('Pooler')) {
    const containers = resourcesOfContainers(pooler.spec.template.spec.containers);
    const workload = `Pooler/${pooler.metadata.name}`;
    note(containers, workload);
    workloads.push({
      workload,
      minPods: pooler.spec.instances,
      maxPods: pooler.spec.instances,
      peakPods: pooler.spec.instances + intOf(pooler.spec.deploymentStrategy?.rollingUpdate?.maxSurge, 1),
      requests: resourcesOf(containers, 'requests', workload),
      limits: resourcesOf(containers, 'limits', workload),
    });
  }
  for (const job of byKind('Job')) {
    const containers = resourcesOfContainers(job.spec.template.spec.containers);
    const workload = `Job/${job.metadata.name}`;
    note(containers, workload);
    workloads.push({
      workload,
      minPods: 0,
      maxPods: 0,
      peakPods: 1,
      requests: resourcesOf(containers, 'requests', workload),
      limits: resourcesOf(containers, 'limits', workload),
    });
  }

  const total = (kind: 'requests' | 'limits', pods: 'minPods' | 'maxPods' | 'peakPods') =>
    workloads.reduce((sum, workload) => add(sum, workload[kind], workload[pods]), zero());
  const count = (pods: 'minPods' | 'maxPods' | 'peakPods') => workloads.reduce((sum, workload) => sum + workload[pods], 0);
  return {
    workloads,
    requests: { min: total('requests', 'minPods'), max: total('requests', 'maxPods'), peak: total('requests', 'peakPods') },
    limits: { min: total('limits', 'minPods'), max: total('limits', 'maxPods'), peak: total('limits', 'peakPods') },
    pods: { min: count('minPods'), max: count('maxPods'), peak: count('peakPods') },
    largestContainerLimits: largest,
  };
}

export interface NodeSize {
  /** vCPUs and GiB of memory the node is sold with. */
  cpus: number;
  memoryGiB: number;
}

/**
 * Allocatable after the kubelet, system reserves and the daemonsets (log shipper, CNI, kube-proxy):
 * a typical managed node keeps about 90% of its CPU and 80% of its memory for pods.
 */
export function allocatable(node: NodeSize): Resources {
  return { cpu: node.cpus * 1000 * 0.9, memory: node.memoryGiB * 1024 * 0.8 };
}

/** The NodeRequestsNearAllocatable threshold: the model plans to stay under it. */
export const PLANNED_REQUEST_RATIO = 0.85;

export interface NodePlan {
  /** Nodes whose allocatable × 85% holds the peak requests. */
  forPeak: number;
  /** One more, so a node can be lost or drained without pods waiting. */
  withOneNodeLost: number;
  /** Nodes over three zones so that the two left after a zone loss still hold the peak. */
  withOneZoneLost: number;
}

export function nodePlan(model: CapacityModel, node: NodeSize, zones = 3): NodePlan {
  const room = allocatable(node);
  const forPeak = Math.max(
    Math.ceil(model.requests.peak.cpu / (room.cpu * PLANNED_REQUEST_RATIO)),
    Math.ceil(model.requests.peak.memory / (room.memory * PLANNED_REQUEST_RATIO)),
  );
  const perZone = Math.ceil(forPeak / (zones - 1));
  return { forPeak, withOneNodeLost: forPeak + 1, withOneZoneLost: perZone * zones };
}
