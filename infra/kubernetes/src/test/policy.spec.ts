import { getService, peerUrlVariable, platform, platformVersion, services, serviceId } from '@factsway/service-catalog';
import {
  DEFAULT_REGISTRY,
  INTERNAL_PATHS,
  POSTGRES_METRICS_PORT,
  PRE_STOP_SLEEP_SECONDS,
  prefixRoutes,
  SHUTDOWN_DRAIN_SECONDS,
  stagingSettings,
} from '../index';
import { committedObjects, KubeObject, ofKind, podTemplates, selects } from './support/committed-manifests';

const deployed = [
  { environment: 'production', namespace: platform.namespaces.production, host: platform.hosts.production },
  { environment: 'staging', namespace: platform.namespaces.staging, host: platform.hosts.staging },
] as const;
const version = platformVersion();

type Container = any;

function containersOf(template: KubeObject['spec']): Container[] {
  return [...(template.spec.initContainers ?? []), ...template.spec.containers];
}

describe.each(deployed)('$environment manifests follow the platform rules', ({ environment, namespace, host }) => {
  const objects = committedObjects(environment);
  const templates = podTemplates(objects);
  const deployments = ofKind(objects, 'Deployment');
  const catalogReplicas = (name: string) => getService(name).replicas[environment];

  it('renders one Deployment per catalog service and the migrations Job, nothing else with pods', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(services.map((s) => serviceId(s.name)).sort());
    expect(ofKind(objects, 'Job').map((job) => job.metadata.name)).toEqual([`migrations-${version.replace(/\./g, '-')}`]);
    expect(templates).toHaveLength(services.length + 1);
    for (const kind of ['StatefulSet', 'DaemonSet', 'Pod', 'ReplicaSet', 'Secret']) expect(ofKind(objects, kind)).toEqual([]);
  });

  it('puts every namespaced object in the environment namespace, which enforces PSS restricted', () => {
    const [ns] = ofKind(objects, 'Namespace');
    expect(ns.metadata.name).toBe(namespace);
    expect(ns.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
    for (const object of objects.filter((o) => o.kind !== 'Namespace')) expect(object.metadata.namespace).toBe(namespace);
  });

  describe('Pod Security Standards "restricted" on every pod template', () => {
    it.each(templates.map(({ owner, template }) => [`${owner.kind}/${owner.metadata.name}`, template] as const))(
      '%s',
      (_name, template) => {
        const pod = template.spec;
        expect(pod.hostNetwork ?? false).toBe(false);
        expect(pod.hostPID ?? false).toBe(false);
        expect(pod.hostIPC ?? false).toBe(false);
        expect(pod.automountServiceAccountToken).toBe(false);
        expect(pod.securityContext.runAsNonRoot).toBe(true);
        expect(pod.securityContext.runAsUser).toBeGreaterThanOrEqual(10000);
        expect(pod.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
        for (const volume of pod.volumes ?? []) expect(Object.keys(volume).sort()).toEqual(['emptyDir', 'name']);
        for (const container of containersOf(template)) {
          const security = container.securityContext;
          expect(security.allowPrivilegeEscalation).toBe(false);
          expect(security.privileged ?? false).toBe(false);
          expect(security.capabilities).toEqual({ drop: ['ALL'] });
          expect(security.readOnlyRootFilesystem).toBe(true);
          expect(security.runAsNonRoot).toBe(true);
          expect(security.runAsUser ?? pod.securityContext.runAsUser).toBeGreaterThanOrEqual(10000);
          expect(security.seccompProfile?.type ?? pod.securityContext.seccompProfile.type).toBe('RuntimeDefault');
          expect(container.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
          expect(container.ports?.every((port: { hostPort?: number }) => port.hostPort === undefined) ?? true).toBe(true);
        }
      },
    );
  });

  it('gives every container CPU and memory requests and limits, from the catalog', () => {
    const expected = stagingSettings();
    for (const { owner, template } of templates) {
      for (const container of containersOf(template)) {
        const { requests, limits } = container.resources;
        for (const bound of [requests, limits]) expect(Object.keys(bound).sort()).toEqual(['cpu', 'memory']);
        if (owner.kind !== 'Deployment') continue;
        const service = getService(owner.metadata.name);
        const catalog = environment === 'production' ? service.resources : expected.resources(service);
        expect({ requests, limits }).toEqual({
          requests: { cpu: catalog.requests.cpu, memory: catalog.requests.memory },
          limits: { cpu: catalog.limits.cpu, memory: catalog.limits.memory },
        });
      }
    }
  });

  it('probes /health for startup and liveness and /ready for readiness, never the same probe twice', () => {
    for (const deployment of deployments) {
      const [container] = deployment.spec.template.spec.containers;
      expect(container.startupProbe.httpGet.path).toBe('/health');
      expect(container.livenessProbe.httpGet.path).toBe('/health');
      expect(container.readinessProbe.httpGet.path).toBe('/ready');
      expect(container.livenessProbe).not.toEqual(container.readinessProbe);
      // The startup probe must give the process time to boot before liveness can kill it.
      expect(container.startupProbe.failureThreshold * container.startupProbe.periodSeconds).toBeGreaterThanOrEqual(30);
    }
  });

  it('lets the pod drain longer than shared-utils does before SIGKILL', () => {
    for (const deployment of deployments) {
      const pod = deployment.spec.template.spec;
      expect(pod.containers[0].lifecycle.preStop.sleep.seconds).toBe(PRE_STOP_SLEEP_SECONDS);
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(PRE_STOP_SLEEP_SECONDS + SHUTDOWN_DRAIN_SECONDS);
    }
  });

  it('keeps every PodDisruptionBudget satisfiable at the HPA minimum, which equals the catalog replicas', () => {
    const budgets = ofKind(objects, 'PodDisruptionBudget');
    const autoscalers = ofKind(objects, 'HorizontalPodAutoscaler');
    for (const deployment of deployments) {
      const labels = deployment.spec.template.metadata.labels;
      const matching = budgets.filter((pdb) => selects(pdb.spec.selector.matchLabels, labels));
      expect(matching).toHaveLength(1);
      const [hpa] = autoscalers.filter((a) => a.spec.scaleTargetRef.kind === 'Deployment' && a.spec.scaleTargetRef.name === deployment.metadata.name);
      expect(hpa).toBeDefined();
      const min = hpa.spec.minReplicas;
      expect(min).toBe(catalogReplicas(deployment.metadata.name));
      // The HPA alone sets the scale: a replica count in the Deployment would reset it on every apply.
      expect(deployment.spec).not.toHaveProperty('replicas');
      expect(hpa.spec.maxReplicas).toBeGreaterThan(min);
      const pdb = matching[0].spec;
      const evictable = pdb.minAvailable !== undefined ? min - pdb.minAvailable : Math.min(pdb.maxUnavailable, min - 1);
      expect(evictable).toBeGreaterThanOrEqual(1);
    }
  });

  it('pins every image to the platform version in the registry, never `latest`', () => {
    const images = templates.flatMap(({ template }) => containersOf(template).map((c: Container) => c.image as string));
    images.push(...ofKind(objects, 'Cluster').map((cluster) => cluster.spec.imageName as string));
    for (const image of images) {
      const tag = /:([^/:@]+)$/.exec(image)?.[1];
      expect(tag).toBeDefined();
      expect(tag).not.toBe('latest');
    }
    for (const deployment of deployments) {
      expect(deployment.spec.template.spec.containers[0].image).toBe(`${DEFAULT_REGISTRY}/factsway/${deployment.metadata.name}:${version}`);
    }
    expect(ofKind(objects, 'Job')[0].spec.template.spec.containers[0].image).toBe(`${DEFAULT_REGISTRY}/factsway/migrations:${version}`);
  });

  it('selects exactly one pod template with every Service, on a port the container declares', () => {
    for (const service of ofKind(objects, 'Service')) {
      const matches = templates.filter(({ template }) => selects(service.spec.selector, template.metadata.labels));
      expect(matches.map((m) => m.owner.metadata.name)).toEqual([service.metadata.name]);
      const containerPorts = matches[0].template.spec.containers[0].ports;
      for (const port of service.spec.ports) {
        expect(containerPorts).toContainEqual(expect.objectContaining({ name: port.targetPort, containerPort: port.port }));
      }
    }
  });

  it("uses the catalog's port everywhere a service's port appears", () => {
    for (const service of services) {
      const name = serviceId(service.name);
      const deployment = deployments.find((d) => d.metadata.name === name)!;
      const pod = deployment.spec.template;
      const config = ofKind(objects, 'ConfigMap').find((c) => c.metadata.name === `${name}-config`)!;
      const svc = ofKind(objects, 'Service').find((s) => s.metadata.name === name)!;
      expect(pod.spec.containers[0].ports.map((p: { containerPort: number }) => p.containerPort)).toEqual([service.port]);
      expect(svc.spec.ports.map((p: { port: number }) => p.port)).toEqual([service.port]);
      expect(config.data.PORT).toBe(String(service.port));
      expect(pod.metadata.annotations['prometheus.io/port']).toBe(String(service.port));
      for (const peer of service.peers) {
        expect(config.data[peerUrlVariable(peer)]).toBe(`http://${serviceId(peer)}.${namespace}.svc:${getService(peer).port}`);
      }
    }
  });

  it('labels and annotates every service pod for Prometheus pod discovery', () => {
    for (const deployment of deployments) {
      const { labels, annotations } = deployment.spec.template.metadata;
      expect(labels).toMatchObject({
        'app.kubernetes.io/name': deployment.metadata.name,
        'app.kubernetes.io/part-of': 'factsway',
        'app.kubernetes.io/version': version,
      });
      expect(annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/path': '/metrics' });
    }
    const [cluster] = ofKind(objects, 'Cluster');
    expect(cluster.spec.inheritedMetadata.annotations['prometheus.io/port']).toBe(String(POSTGRES_METRICS_PORT));
  });

  it('reads the database credentials and SENTRY_DSN from Secrets and never inlines a credential', () => {
    for (const deployment of deployments) {
      const service = getService(deployment.metadata.name);
      const env = deployment.spec.template.spec.containers[0].env as { name: string; value?: string; valueFrom?: unknown }[];
      // A literal value may only compose Secret-backed variables ($(NAME)), never hold a credential itself.
      for (const variable of env.filter((v) => v.value !== undefined)) {
        expect(variable.value).toMatch(/^postgresql:\/\/\$\(DATABASE_USER\):\$\(DATABASE_PASSWORD\)@[^:/@]+:5432\/\w+$/);
      }
      expect(env.filter((v) => v.value === undefined).every((v) => v.valueFrom !== undefined)).toBe(true);
      expect(env.some((variable) => variable.name === 'DATABASE_URL')).toBe(service.tables.length > 0);
    }
    const text = JSON.stringify(objects).replace(/\$\(DATABASE_USER\):\$\(DATABASE_PASSWORD\)@/g, '');
    expect(text).not.toMatch(/postgres(ql)?:\/\/[^"]*@/);
    expect(text.replace(/"(key|name)":"(password|DATABASE_PASSWORD)"/g, '')).not.toMatch(/password/i);
  });

  it('routes exactly the catalog public paths over TLS and never /metrics, /health or /ready', () => {
    const [ingress] = ofKind(objects, 'Ingress');
    expect(ingress.spec.tls).toEqual([{ hosts: [host], secretName: expect.any(String) }]);
    const [certificate] = ofKind(objects, 'Certificate');
    expect(certificate.spec).toMatchObject({ secretName: ingress.spec.tls[0].secretName, dnsNames: [host] });
    const routes = ingress.spec.rules.flatMap((rule: KubeObject['spec']) => {
      expect(rule.host).toBe(host);
      return rule.http.paths.map((p: KubeObject['spec']) => ({ path: p.path, service: p.backend.service.name, port: p.backend.service.port.number }));
    });
    expect(routes).toEqual(
      services.flatMap((s) => s.publicPaths.map((path) => ({ path, service: serviceId(s.name), port: s.port }))),
    );
    for (const route of routes) {
      for (const internal of INTERNAL_PATHS) expect(prefixRoutes(route.path, internal)).toBe(false);
    }
  });

  it('runs migrations as a bounded, non-restarting Job against the application database', () => {
    const [job] = ofKind(objects, 'Job');
    expect(job.spec.backoffLimit).toBeGreaterThanOrEqual(1);
    expect(job.spec.activeDeadlineSeconds).toBeGreaterThan(0);
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    expect(job.spec.template.spec.containers[0].env).toContainEqual({
      name: 'DATABASE_URL',
      valueFrom: { secretKeyRef: { name: 'factsway-postgres-app', key: 'uri' } },
    });
  });

  it('runs PostgreSQL as a CloudNativePG cluster with backups to object storage and its exporter scraped', () => {
    const [cluster] = ofKind(objects, 'Cluster');
    expect(cluster.spec.instances).toBeGreaterThanOrEqual(environment === 'production' ? 3 : 2);
    expect(cluster.spec.bootstrap.initdb).toEqual({ database: platform.databaseName, owner: platform.databaseName });
    expect(cluster.spec.backup.barmanObjectStore.destinationPath).toMatch(/^s3:\/\//);
    expect(cluster.spec.storage.storageClass).toEqual(expect.any(String));
    const [scheduled] = ofKind(objects, 'ScheduledBackup');
    expect(scheduled.spec.cluster.name).toBe(cluster.metadata.name);
  });
});

describe('staging differs from production only in values', () => {
  const production = committedObjects('production');
  const staging = committedObjects('staging');
  const shape = (objects: KubeObject[]) => objects.map((o) => (o.kind === 'Namespace' ? o.kind : `${o.kind}/${o.metadata.name}`));

  it('has the same objects', () => {
    expect(shape(staging)).toEqual(shape(production));
  });

  it('uses the staging replicas, host and smaller requests', () => {
    const replicas = (objects: KubeObject[]) =>
      Object.fromEntries(ofKind(objects, 'HorizontalPodAutoscaler').map((hpa) => [hpa.spec.scaleTargetRef.name, hpa.spec.minReplicas]));
    expect(replicas(staging)).toEqual(Object.fromEntries(services.map((s) => [serviceId(s.name), s.replicas.staging])));
    expect(ofKind(staging, 'Ingress')[0].spec.rules[0].host).toBe(platform.hosts.staging);
    const request = (objects: KubeObject[]) => ofKind(objects, 'Deployment')[0].spec.template.spec.containers[0].resources.requests.cpu;
    expect(request(staging)).not.toBe(request(production));
  });
});
