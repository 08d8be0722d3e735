import { databaseConnections } from '@factsway/service-catalog';
import { budgetViolations, connectionBudget } from '../index';
import { committedObjects, KubeObject } from './support/committed-manifests';

describe.each(['production', 'staging'])('%s database connection budget (worst case: every service at its HPA maximum)', (environment) => {
  const objects = committedObjects(environment);
  const budget = connectionBudget(objects);

  it('counts every service that owns tables, and only those', () => {
    expect(Object.keys(budget.clientPods).sort()).toEqual(
      ['caseblock', 'caselaw', 'exhibits', 'facts', 'ingestion', 'records', 'signature'].map((name) => `${name}-service`),
    );
  });

  it('fits: clients within PgBouncer, PgBouncer within max_connections minus the reserve', () => {
    expect(budgetViolations(budget)).toEqual([]);
    expect(budget.clientConnections).toBeGreaterThan(budget.maxConnections - budget.reserved);
  });

  it('fails when someone raises a number: an HPA ceiling, the pool per pod, or the pooler pool', () => {
    const raised = structuredClone(objects) as KubeObject[];
    for (const hpa of raised.filter((o) => o.kind === 'HorizontalPodAutoscaler')) hpa.spec.maxReplicas *= 10;
    expect(budgetViolations(connectionBudget(raised)).map((v) => v.rule)).toContain('clients fit one pooler pod');

    const biggerPool = structuredClone(objects) as KubeObject[];
    const pooler = biggerPool.find((o) => o.kind === 'Pooler')!;
    pooler.spec.pgbouncer.parameters.max_db_connections = String(databaseConnections.maxConnections);
    expect(budgetViolations(connectionBudget(biggerPool)).map((v) => v.rule)).toContain('pooler fits max_connections minus the reserve');

    const surging = structuredClone(objects) as KubeObject[];
    delete surging.find((o) => o.kind === 'Pooler')!.spec.deploymentStrategy;
    expect(connectionBudget(surging).poolerPods).toBe(budget.poolerPods + 1);
  });
});
