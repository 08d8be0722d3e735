import { loadConfig } from '@factsway/shared-utils';
import { getService } from '@factsway/service-catalog';
import { committedObjects, KubeObject, ofKind } from './support/committed-manifests';

/** What the referenced Secrets hold in a cluster; the CloudNativePG `uri` key has this shape. */
const secretValues: Record<string, string> = {
  'factsway-postgres-app/uri': 'postgresql://factsway:generated@factsway-postgres-rw.factsway-prod:5432/factsway',
  'factsway-postgres-app/username': 'factsway',
  'factsway-postgres-app/password': 'generated',
};

/** The kubelet's expansion of `$(NAME)` references to variables defined before. */
function expand(value: string, env: Record<string, string>): string {
  return value.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (reference, name: string) => env[name] ?? reference);
}

/** The environment the kubelet would give the container: ConfigMap first, then `env`. */
function containerEnvironment(objects: KubeObject[], deployment: KubeObject): Record<string, string> {
  const container = deployment.spec.template.spec.containers[0];
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    const config = ofKind(objects, 'ConfigMap').find((c) => c.metadata.name === source.configMapRef.name);
    if (!config) throw new Error(`${deployment.metadata.name}: ConfigMap ${source.configMapRef.name} is not rendered`);
    Object.assign(env, config.data);
  }
  for (const variable of container.env ?? []) {
    if (variable.value !== undefined) env[variable.name] = expand(variable.value, env);
    const ref = variable.valueFrom?.secretKeyRef;
    if (!ref) continue;
    const value = secretValues[`${ref.name}/${ref.key}`];
    if (value !== undefined) env[variable.name] = value;
    else if (!ref.optional) throw new Error(`${deployment.metadata.name}: required Secret ${ref.name}/${ref.key} has no value here`);
  }
  return env;
}

describe.each(['production', 'staging', 'local'])('%s service environments pass the shared-utils config loader', (environment) => {
  const objects = committedObjects(environment);

  it.each(ofKind(objects, 'Deployment').map((d) => [d.metadata.name, d] as const))('%s', (name, deployment) => {
    const config = loadConfig(containerEnvironment(objects, deployment), name);
    const service = getService(name);
    expect(config.port).toBe(service.port);
    expect(config.deploymentEnv).toBe(environment);
    expect(config.host).toBe(environment === 'local' ? '127.0.0.1' : '0.0.0.0');
    expect(Object.keys(config.peerUrls).sort()).toEqual([...service.peers].sort());
    expect(config.databaseUrl !== undefined).toBe(service.tables.length > 0);
    if (environment !== 'local' && config.databaseUrl) {
      // Services go through PgBouncer; only the migrations Job talks to the primary.
      expect(new URL(config.databaseUrl).host).toBe(`factsway-postgres-pooler-rw.factsway-${environment === 'production' ? 'prod' : 'staging'}.svc:5432`);
      expect(new URL(config.databaseUrl).username).toBe('factsway');
    }
  });
});

describe('the environment check itself', () => {
  it('fails when a table owner has no DATABASE_URL', () => {
    const objects = committedObjects('production');
    const records = structuredClone(ofKind(objects, 'Deployment').find((d) => d.metadata.name === 'records-service')!);
    records.spec.template.spec.containers[0].env = [];
    expect(() => loadConfig(containerEnvironment(objects, records), 'records-service')).toThrow(/DATABASE_URL/);
  });
});
