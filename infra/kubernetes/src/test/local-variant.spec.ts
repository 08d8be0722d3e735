import { services, serviceId } from '@factsway/service-catalog';
import { localSettings, renderManifests } from '../index';
import { committedObjects, ofKind } from './support/committed-manifests';

describe('the local variant (one machine, images built there)', () => {
  const objects = committedObjects('local');

  it('runs one replica of each service on the host network, bound to 127.0.0.1, from local images only', () => {
    const deployments = ofKind(objects, 'Deployment');
    expect(deployments).toHaveLength(services.length);
    for (const deployment of deployments) {
      const pod = deployment.spec.template.spec;
      expect(deployment.spec.replicas).toBe(1);
      expect(pod.hostNetwork).toBe(true);
      expect(pod.containers[0].imagePullPolicy).toBe('Never');
      expect(pod.containers[0].image).not.toMatch(/:latest$/);
    }
    for (const config of ofKind(objects, 'ConfigMap')) {
      expect(config.data.HOST).toBe('127.0.0.1');
      expect(config.data.DEPLOYMENT_ENV).toBe('local');
    }
  });

  it('reaches peers on 127.0.0.1 at the catalog ports and reads DATABASE_URL from the Secret, never a literal', () => {
    const facts = ofKind(objects, 'ConfigMap').find((c) => c.metadata.name === `${serviceId('facts')}-config`)!;
    expect(facts.data.RECORDS_SERVICE_URL).toBe('http://127.0.0.1:3001');
    expect(facts.data.DATABASE_URL).toBeUndefined();
    const factsDeployment = ofKind(objects, 'Deployment').find((d) => d.metadata.name === serviceId('facts'))!;
    expect(factsDeployment.spec.template.spec.containers[0].env).toContainEqual({
      name: 'DATABASE_URL',
      valueFrom: { secretKeyRef: { name: 'factsway-postgres-app', key: 'uri' } },
    });
    const exporter = ofKind(objects, 'ConfigMap').find((c) => c.metadata.name === `${serviceId('export')}-config`)!;
    expect(exporter.data.DATABASE_URL).toBeUndefined();
  });

  it('leaves out what only a cluster has', () => {
    for (const kind of ['Namespace', 'Cluster', 'Ingress', 'NetworkPolicy', 'HorizontalPodAutoscaler', 'PodDisruptionBudget']) {
      expect(ofKind(objects, kind)).toEqual([]);
    }
  });

  it('takes a database URL, registry, version and extra environment as options', () => {
    const settings = localSettings({
      databaseUrl: 'postgres://app:app@127.0.0.1:6543/factsway',
      registry: 'localhost:5000',
      version: '9.9.9',
      environmentOverrides: { SENTRY_DSN: 'http://key@127.0.0.1:8969/1' },
    });
    const rendered = renderManifests(settings, services).flatMap((manifest) => manifest.objects) as ReturnType<typeof committedObjects>;
    const records = ofKind(rendered, 'Deployment').find((d) => d.metadata.name === 'records-service')!;
    expect(records.spec.template.spec.containers[0].image).toBe('localhost:5000/factsway/records-service:9.9.9');
    const config = ofKind(rendered, 'ConfigMap').find((c) => c.metadata.name === 'records-service-config')!;
    expect(config.data).toMatchObject({ DATABASE_URL: 'postgres://app:app@127.0.0.1:6543/factsway', SENTRY_DSN: 'http://key@127.0.0.1:8969/1' });
    expect(records.spec.template.spec.containers[0].env.map((e: { name: string }) => e.name)).not.toContain('SENTRY_DSN');
  });
});
