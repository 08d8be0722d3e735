/** Where every kubectl call points: never a hard-coded cluster. */
export interface KubectlScope {
  /** undefined = kubectl's current context. */
  context?: string;
  namespace: string;
}

/** A manifest piped to kubectl on stdin, with the name the plan shows for it. */
export interface ManifestInput {
  label: string;
  yaml: string;
}

export interface KubectlCommand {
  args: string[];
  manifest?: ManifestInput;
}

export const FIELD_MANAGER = 'factsway-deploy';

export function scopedArgv(scope: KubectlScope, command: KubectlCommand): string[] {
  return [...(scope.context ? [`--context=${scope.context}`] : []), `--namespace=${scope.namespace}`, ...command.args];
}

/** The command line exactly as it runs, `< label` standing for the piped manifest. */
export function formatCommand(scope: KubectlScope, command: KubectlCommand): string {
  const line = ['kubectl', ...scopedArgv(scope, command)].join(' ');
  return command.manifest ? `${line} < ${command.manifest.label}` : line;
}

/**
 * `--force-conflicts`: `kubectl rollout undo` takes ownership of the pod template fields, so
 * the next release's server-side apply must take them back.
 */
export const applyManifest = (manifest: ManifestInput): KubectlCommand => ({
  args: ['apply', '--server-side', `--field-manager=${FIELD_MANAGER}`, '--force-conflicts', '-f', '-'],
  manifest,
});

export const deleteManifest = (manifest: ManifestInput): KubectlCommand => ({
  args: ['delete', '--ignore-not-found', '--wait=true', '-f', '-'],
  manifest,
});

export const deleteJob = (job: string): KubectlCommand => ({
  args: ['delete', `job/${job}`, '--ignore-not-found', '--wait=true'],
});

export const waitForCondition = (resource: string, condition: string, timeoutSeconds: number): KubectlCommand => ({
  args: ['wait', `--for=condition=${condition}`, resource, `--timeout=${timeoutSeconds}s`],
});

export const getJson = (resource: string): KubectlCommand => ({ args: ['get', resource, '-o', 'json'] });

export const getLabelledJson = (kind: string, appName: string): KubectlCommand => ({
  args: ['get', kind, '-l', `app.kubernetes.io/name=${appName}`, '-o', 'json'],
});

export const jobLogs = (job: string): KubectlCommand => ({
  args: ['logs', `job/${job}`, '--all-containers', '--tail=200'],
});

export const rolloutStatus = (service: string, timeoutSeconds: number | string): KubectlCommand => ({
  args: ['rollout', 'status', `deployment/${service}`, `--timeout=${timeoutSeconds}s`],
});

export const rolloutUndo = (service: string, revision: number | string): KubectlCommand => ({
  args: ['rollout', 'undo', `deployment/${service}`, `--to-revision=${revision}`],
});
