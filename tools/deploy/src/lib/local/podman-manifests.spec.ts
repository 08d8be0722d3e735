import { localSettings, renderManifests } from '@factsway/kubernetes';
import { services } from '@factsway/service-catalog';
import { parseAllDocuments } from 'yaml';
import { podBaseName, podmanManifest, versionSuffix } from './podman-manifests';

const manifests = renderManifests(localSettings({ version: '1.2.0-rc.1' }), services);
const file = (name: string) => manifests.find((manifest) => manifest.file === name)!;
const documents = (yaml: string) => parseAllDocuments(yaml).map((document) => document.toJS());

describe('the generated local manifests in the dialect podman 4.3 plays', () => {
  it('keeps the ConfigMap and Deployment, named per version, without ports and probes', () => {
    const { yaml, podName } = podmanManifest(file('caseblock-service.yaml'), '1.2.0-rc.1');
    const objects = documents(yaml);
    expect(objects.map((object) => object.kind)).toEqual(['ConfigMap', 'Deployment']);
    const deployment = objects[1];
    expect(deployment.metadata.name).toBe('caseblock-service-1-2-0-rc-1');
    expect(podName).toBe('caseblock-service-1-2-0-rc-1-pod-0');
    const [container] = deployment.spec.template.spec.containers;
    expect(container.ports).toBeUndefined();
    expect(container.readinessProbe).toBeUndefined();
    // What the engine must still enforce stays exactly as generated.
    expect(container.image).toBe('localhost/factsway/caseblock-service:1.2.0-rc.1');
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, runAsUser: 10001, runAsNonRoot: true });
    expect(container.resources.limits).toEqual({ cpu: '500m', memory: '256Mi' });
    expect(deployment.spec.template.spec.hostNetwork).toBe(true);
    expect(objects[0].data.DATABASE_URL).toBeUndefined();
  });

  it("reads DATABASE_URL from the namespace's podman secret; an engine override replaces the reference", () => {
    const databaseVariable = (yaml: string) =>
      documents(yaml)[1].spec.template.spec.containers[0].env.find((variable: { name: string }) => variable.name === 'DATABASE_URL');
    expect(databaseVariable(podmanManifest(file('records-service.yaml'), '1.2.0-rc.1', { namespace: 'factsway-drill-x' }).yaml)).toEqual({
      name: 'DATABASE_URL',
      valueFrom: { secretKeyRef: { name: 'factsway-drill-x-factsway-postgres-app', key: 'uri' } },
    });
    const overridden = podmanManifest(file('records-service.yaml'), '1.2.0-rc.1', {
      extraEnvironment: { DATABASE_URL: 'postgres://u:p@127.0.0.1:1/none' },
    }).yaml;
    expect(databaseVariable(overridden)).toBeUndefined();
    expect(documents(overridden)[0].data.DATABASE_URL).toBe('postgres://u:p@127.0.0.1:1/none');
  });

  it('labels the pod with the target namespace, so two local deploys never see each other', () => {
    const { yaml } = podmanManifest(file('records-service.yaml'), '1.2.0-rc.1', { namespace: 'factsway-drill-x' });
    const deployment = documents(yaml)[1];
    expect(deployment.spec.template.metadata.labels['factsway.com/namespace']).toBe('factsway-drill-x');
    expect(deployment.metadata.labels['factsway.com/namespace']).toBe('factsway-drill-x');
  });

  it('moves PORT and every peer URL to the planned host ports, and adds per-service environment', () => {
    const { yaml } = podmanManifest(file('caseblock-service.yaml'), '1.2.0-rc.1', {
      portMap: new Map([
        [3004, 41004],
        [3001, 41001],
      ]),
      extraEnvironment: { LOG_LEVEL: 'warn' },
    });
    const data = documents(yaml)[0].data;
    expect(data.PORT).toBe('41004');
    expect(data.RECORDS_SERVICE_URL).toBe('http://127.0.0.1:41001');
    expect(data.LOG_LEVEL).toBe('warn');
  });

  it('turns the migrations Job into a Pod that runs once', () => {
    const { yaml, podName } = podmanManifest(file('migrations-job.yaml'), '1.2.0-rc.1');
    const [pod] = documents(yaml);
    expect(pod.kind).toBe('Pod');
    expect(pod.metadata.name).toBe('migrations-1-2-0-rc-1');
    expect(podName).toBe('migrations-1-2-0-rc-1');
    expect(pod.spec.restartPolicy).toBe('Never');
    expect(pod.spec.containers[0].image).toBe('localhost/factsway/migrations:1.2.0-rc.1');
  });

  it('makes versions safe pod-name suffixes', () => {
    expect(versionSuffix('1.2.0+build.7')).toBe('1-2-0-build-7');
    expect(podBaseName('records-service', '2.0.0')).toBe('records-service-2-0-0');
  });
});
