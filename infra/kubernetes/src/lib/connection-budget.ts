import { databaseConnections, reservedConnections } from '@factsway/service-catalog';

/** A rendered Kubernetes object, as far as the budget reads it. */
export interface BudgetObject {
  kind: string;
  metadata: { name: string };
  // Rendered manifests are free-form; the budget reads a few known fields.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec?: any;
}

/** Rendered objects (`RenderedManifest.objects`) as the budget and the capacity model read them. */
export function budgetObjects(objects: readonly Record<string, unknown>[]): BudgetObject[] {
  return objects.map((object) => {
    const name = (object['metadata'] as { name?: unknown } | undefined)?.name;
    if (typeof object['kind'] !== 'string' || typeof name !== 'string') throw new Error('a rendered object without kind or metadata.name');
    return object as unknown as BudgetObject;
  });
}

export interface ConnectionBudget {
  /** Pods that hold a pg Pool at worst: every table owner at its HPA maximum plus its rolling-update surge. */
  clientPods: Record<string, number>;
  /** `clientPods` × `databaseConnections.poolPerPod`. */
  clientConnections: number;
  /** PgBouncer `max_client_conn` of one pooler pod (clients may all land on one pod). */
  poolerClientLimit: number;
  /** PgBouncer pods at worst (instances plus surge). */
  poolerPods: number;
  /** `max_db_connections` of one pooler pod. */
  serverConnectionsPerPoolerPod: number;
  /** `poolerPods` × `serverConnectionsPerPoolerPod`. */
  serverConnections: number;
  /** PostgreSQL `max_connections`. */
  maxConnections: number;
  /** Connections kept for everything that is not the pooler. */
  reserved: number;
}

export interface BudgetViolation {
  rule: string;
  detail: string;
}

function intOrZero(value: unknown): number {
  return typeof value === 'number' ? value : Number.parseInt(String(value ?? '0'), 10) || 0;
}

/**
 * The worst case of an environment's rendered manifests: which Deployments read DATABASE_URL,
 * how far their HPAs and rolling updates can take them, and what the Pooler and Cluster allow.
 */
export function connectionBudget(objects: readonly BudgetObject[]): ConnectionBudget {
  const byKind = (kind: string) => objects.filter((object) => object.kind === kind);
  const [pooler] = byKind('Pooler');
  const [cluster] = byKind('Cluster');
  if (!pooler || !cluster) throw new Error('the manifests have no Pooler or no Cluster');

  const clientPods: Record<string, number> = {};
  for (const deployment of byKind('Deployment')) {
    const env: { name: string }[] = deployment.spec.template.spec.containers[0].env ?? [];
    if (!env.some((variable) => variable.name === 'DATABASE_URL')) continue;
    const hpa = byKind('HorizontalPodAutoscaler').find((a) => a.spec.scaleTargetRef.name === deployment.metadata.name);
    const maxPods = hpa ? hpa.spec.maxReplicas : intOrZero(deployment.spec.replicas);
    clientPods[deployment.metadata.name] = maxPods + intOrZero(deployment.spec.strategy?.rollingUpdate?.maxSurge);
  }
  const totalPods = Object.values(clientPods).reduce((sum, pods) => sum + pods, 0);
  const parameters = pooler.spec.pgbouncer.parameters as Record<string, string>;
  const poolerPods = pooler.spec.instances + intOrZero(pooler.spec.deploymentStrategy?.rollingUpdate?.maxSurge ?? 1);
  const serverConnectionsPerPoolerPod = intOrZero(parameters['max_db_connections']);
  return {
    clientPods,
    clientConnections: totalPods * databaseConnections.poolPerPod,
    poolerClientLimit: intOrZero(parameters['max_client_conn']),
    poolerPods,
    serverConnectionsPerPoolerPod,
    serverConnections: poolerPods * serverConnectionsPerPoolerPod,
    maxConnections: intOrZero(cluster.spec.postgresql.parameters.max_connections),
    reserved: reservedConnections(),
  };
}

/** What is wrong with a budget; empty when it holds. */
export function budgetViolations(budget: ConnectionBudget): BudgetViolation[] {
  const violations: BudgetViolation[] = [];
  if (budget.clientConnections > budget.poolerClientLimit) {
    violations.push({
      rule: 'clients fit one pooler pod',
      detail: `${budget.clientConnections} client connections > max_client_conn ${budget.poolerClientLimit}`,
    });
  }
  if (budget.serverConnectionsPerPoolerPod <= 0) {
    violations.push({ rule: 'pooler caps its server connections', detail: 'max_db_connections is not set' });
  }
  const available = budget.maxConnections - budget.reserved;
  if (budget.serverConnections > available) {
    violations.push({
      rule: 'pooler fits max_connections minus the reserve',
      detail: `${budget.poolerPods} pods × ${budget.serverConnectionsPerPoolerPod} = ${budget.serverConnections} > ${budget.maxConnections} − ${budget.reserved} = ${available}`,
    });
  }
  return violations;
}
