import { runTool } from '../images/container-tools';
import { NAMESPACE_LABEL } from './podman-manifests';

/** One pod as `podman pod ps --format json` lists it. */
export interface PodSummary {
  Name: string;
  Status: string;
  Containers?: { Names: string; Status: string }[];
  Labels?: Record<string, string>;
  Created: string;
}

export const VERSION_LABEL = 'app.kubernetes.io/version';
const NAME_LABEL = 'app.kubernetes.io/name';

/** Every pod of `service` (running or not) that a deploy to `namespace` played. */
export async function servicePods(namespace: string, service: string): Promise<PodSummary[]> {
  const { stdout } = await runTool('podman', [
    'pod', 'ps', '--filter', `label=${NAMESPACE_LABEL}=${namespace}`, '--format', 'json',
  ]);
  return ((JSON.parse(stdout || '[]') as PodSummary[]) ?? []).filter((pod) => pod.Labels?.[NAME_LABEL] === service);
}

/** The pods whose app container runs (a pod with only its infra container up is not serving): two during a handoff. */
export async function runningPods(namespace: string, service: string): Promise<PodSummary[]> {
  return (await servicePods(namespace, service)).filter((pod) =>
    pod.Containers?.some((container) => container.Names === `${pod.Name}-${service}` && container.Status === 'running'),
  );
}

/** The running pod of `service` (outside a handoff, the only one; during one, the first podman lists, the newest). */
export async function runningPod(namespace: string, service: string): Promise<PodSummary | undefined> {
  return (await runningPods(namespace, service))[0];
}

/** Removes pods, ignoring ones that are already gone. */
export async function removePods(pods: readonly PodSummary[]): Promise<void> {
  for (const pod of pods) await runTool('podman', ['pod', 'rm', '--force', pod.Name]).catch(() => undefined);
}
