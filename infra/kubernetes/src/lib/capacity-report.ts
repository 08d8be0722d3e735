import { CapacityModel, capacityModel, NodeSize, nodePlan, Resources } from './capacity-model';
import { budgetViolations, BudgetObject, connectionBudget } from './connection-budget';

const cores = (millicores: number) => `${(millicores / 1000).toFixed(2)} CPU`;
const gib = (mebibytes: number) => (mebibytes < 1024 ? `${Math.round(mebibytes)} MiB` : `${(mebibytes / 1024).toFixed(1)} GiB`);
const both = (resources: Resources) => `${cores(resources.cpu)} / ${gib(resources.memory)}`;

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n') + '\n';
}

function workloadRows(model: CapacityModel): string[][] {
  return [
    ['workload', 'pods min/max/peak', 'requests per pod', 'limits per pod'],
    ...model.workloads.map((w) => [w.workload, `${w.minPods}/${w.maxPods}/${w.peakPods}`, both(w.requests), both(w.limits)]),
  ];
}

/** The text `npx nx run kubernetes:capacity` prints for one environment's rendered objects. */
export function formatCapacityReport(environment: string, objects: readonly BudgetObject[], node: NodeSize): string {
  const workloads = objects.filter((object) => object.kind !== 'ResourceQuota' && object.kind !== 'LimitRange');
  const model = capacityModel(workloads);
  const budget = connectionBudget(objects);
  const violations = budgetViolations(budget);
  const quota = objects.find((object) => object.kind === 'ResourceQuota')?.spec?.hard ?? {};
  const plan = nodePlan(model, node);
  return [
    `Capacity model: ${environment}\n\n`,
    table(workloadRows(model)),
    '\n',
    table([
      ['scale', 'pods', 'requests', 'limits'],
      ['minimum (HPA floors)', String(model.pods.min), both(model.requests.min), both(model.limits.min)],
      ['maximum (HPA ceilings)', String(model.pods.max), both(model.requests.max), both(model.limits.max)],
      ['peak (+ surge, re-clone, Job)', String(model.pods.peak), both(model.requests.peak), both(model.limits.peak)],
      ['ResourceQuota', String(quota['pods'] ?? '-'), `${quota['requests.cpu'] ?? '-'} CPU / ${quota['requests.memory'] ?? '-'}`, `${quota['limits.cpu'] ?? '-'} CPU / ${quota['limits.memory'] ?? '-'}`],
    ]),
    '\nDatabase connections (worst case: every service at its HPA maximum plus surge)\n',
    `  client connections: ${Object.values(budget.clientPods).reduce((a, b) => a + b, 0)} pods × pool = ${budget.clientConnections} ≤ PgBouncer max_client_conn ${budget.poolerClientLimit}\n`,
    `  server connections: ${budget.poolerPods} PgBouncer pods × ${budget.serverConnectionsPerPoolerPod} = ${budget.serverConnections} ≤ max_connections ${budget.maxConnections} − reserved ${budget.reserved} = ${budget.maxConnections - budget.reserved}\n`,
    `  ${violations.length === 0 ? 'budget holds' : `BUDGET BROKEN: ${violations.map((v) => v.detail).join('; ')}`}\n`,
    `\nNodes of ${node.cpus} vCPU / ${node.memoryGiB} GiB (requests kept under 85% of allocatable)\n`,
    `  for the peak: ${plan.forPeak}; with one node lost: ${plan.withOneNodeLost}; with one of three zones lost: ${plan.withOneZoneLost}\n`,
  ].join('');
}
