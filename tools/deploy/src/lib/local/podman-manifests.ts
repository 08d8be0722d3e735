/* eslint-disable @typescript-eslint/no-explicit-any -- rewrites untyped YAML documents from the synthesized manifests */
import { RenderedManifest } from '@factsway/kubernetes';
import { stringify } from 'yaml';

type KubeObject = Record<string, any>;

/** Kinds `podman kube play` acts on; it ignores Services and has no use for ServiceAccounts. */
const playedKinds = new Set(['ConfigMap', 'Deployment', 'Job', 'Pod']);

/** `1.2.0-rc.1` -> `1-2-0-rc-1`: a version as a pod-name suffix. */
export function versionSuffix(version: string): string {
  return version.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** The pod a service runs in at one version; old and new coexist (one stopped) during a roll. */
export function podBaseName(service: string, version: string): string {
  return `${service}-${versionSuffix(version)}`;
}

/**
 * podman 4.3 plays an emptyDir as a named volume called by the volume's name, so every pod's
 * `tmp` would be one shared volume. Prefix the names with the pod's so each pod gets its own
 * (podman removes them with the pod).
 */
function scopeVolumes(spec: any, owner: string): void {
  const rename = (name: string) => `${owner}-${name}`;
  spec.volumes = (spec.volumes ?? []).map((volume: any) => ({ ...volume, name: rename(volume.name) }));
  spec.containers = spec.containers.map((container: any) => ({
    ...container,
    volumeMounts: (container.volumeMounts ?? []).map((mount: any) => ({ ...mount, name: rename(mount.name) })),
  }));
}

/** The podman secret that stands for Kubernetes Secret `name` in `namespace` (podman secrets are global). */
export function podmanSecretName(namespace: string, name: string): string {
  return `${namespace}-${name}`;
}

function adaptContainer(container: KubeObject, options: PodmanManifestOptions): KubeObject {
  // Host network: containerPort would become a port mapping, which podman refuses with host
  // networking. Probes: podman 4.3 turns httpGet probes into healthchecks that run curl inside
  // the image (there is none) and never gates on readiness; the deploy waits on /ready itself.
  const { ports: _ports, readinessProbe: _r, livenessProbe: _l, startupProbe: _s, lifecycle: _lc, ...rest } = container;
  const overridden = new Set(Object.keys(options.extraEnvironment ?? {}));
  const namespace = options.namespace ?? 'factsway-local';
  // An env entry wins over the ConfigMap: drop the ones the engine's extra environment replaces.
  // Secret references name the namespace's podman secret.
  rest['env'] = (rest['env'] ?? [])
    .filter((variable: KubeObject) => !overridden.has(variable['name']))
    .map((variable: KubeObject) => {
      const ref = variable['valueFrom']?.secretKeyRef;
      if (!ref) return variable;
      return { ...variable, valueFrom: { secretKeyRef: { ...ref, name: podmanSecretName(namespace, ref.name) } } };
    });
  return rest;
}

/**
 * The generated local manifests in the dialect podman 4.3 plays: only the kinds it acts on,
 * the Deployment renamed per version (`<service>-<version>`) so the previous pod can stay
 * (stopped) as the rollback target, container ports and probes removed (see adaptContainer).
 * Secret references are renamed to the namespace's podman secrets (`podmanSecretName`).
 * Everything else (image, env, resources, securityContext, volumes) is played as generated.
 */
export interface PodmanManifestOptions {
  /** Catalog port -> host port to use instead (PORT and peer URLs in ConfigMaps). */
  portMap?: ReadonlyMap<number, number>;
  /** Extra ConfigMap entries for this manifest's service; they replace container env entries of the same name. */
  extraEnvironment?: Record<string, string>;
  /** Labels the pod with the target namespace: podman has none, so deploys to two namespaces stay apart. */
  namespace?: string;
}

/** The pod label that stands in for a Kubernetes namespace on the local engine. */
export const NAMESPACE_LABEL = 'factsway.com/namespace';

function adaptConfigMap(object: KubeObject, options: PodmanManifestOptions): void {
  const data: Record<string, string> = { ...object['data'] };
  const portMap = options.portMap ?? new Map<number, number>();
  for (const [key, value] of Object.entries(data)) {
    if (key === 'PORT' && portMap.has(Number(value))) data[key] = String(portMap.get(Number(value)));
    const peer = /^http:\/\/127\.0\.0\.1:(\d+)$/.exec(value);
    if (peer && portMap.has(Number(peer[1]))) data[key] = `http://127.0.0.1:${portMap.get(Number(peer[1]))}`;
  }
  object['data'] = { ...data, ...options.extraEnvironment };
}

export function podmanManifest(
  manifest: RenderedManifest,
  version: string,
  options: PodmanManifestOptions = {},
): { yaml: string; podName: string | undefined } {
  let podName: string | undefined;
  const objects = manifest.objects
    .filter((object) => playedKinds.has(String(object['kind'])))
    .map((source) => {
      const object = structuredClone(source) as KubeObject;
      if (object['kind'] === 'ConfigMap') adaptConfigMap(object, options);
      if (object['kind'] === 'Deployment') {
        object['metadata'].name = podBaseName(String(object['metadata'].name), version);
        if (options.namespace) {
          object['metadata'].labels = { ...object['metadata'].labels, [NAMESPACE_LABEL]: options.namespace };
          const template = object['spec'].template;
          template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [NAMESPACE_LABEL]: options.namespace } };
        }
        podName = `${object['metadata'].name}-pod-0`;
        const spec = object['spec'].template.spec;
        spec.containers = spec.containers.map((container: KubeObject) => adaptContainer(container, options));
        scopeVolumes(spec, object['metadata'].name);
      }
      if (object['kind'] === 'Job') {
        // podman 4.3 does not play Jobs: run the Job's pod template as a Pod that runs once.
        const template = object['spec'].template;
        const pod: KubeObject = {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: String(object['metadata'].name), labels: template.metadata?.labels ?? {} },
          spec: { ...template.spec, restartPolicy: 'Never', containers: template.spec.containers.map((container: KubeObject) => adaptContainer(container, options)) },
        };
        scopeVolumes(pod['spec'], pod['metadata'].name);
        podName = pod['metadata'].name;
        return pod;
      }
      return object;
    });
  return { yaml: objects.map((object) => stringify(object)).join('---\n'), podName };
}
