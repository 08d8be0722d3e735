import { platform, platformVersion } from '@factsway/service-catalog';

export type DeployEnvironment = 'local' | 'staging' | 'production';

export const deployEnvironments: readonly DeployEnvironment[] = ['local', 'staging', 'production'];

/** Where a release goes and at which version. Everything a backend needs to address the platform. */
export interface DeployTarget {
  environment: DeployEnvironment;
  /** The one platform version every service must run after the deploy. */
  releaseVersion: string;
  /** Kubernetes namespace (for the local engine: the namespace written into the local manifests). */
  namespace: string;
  /** kubectl context; undefined = the current context. Never used by the local engine. */
  context?: string;
  /** Image registry host, e.g. `registry.example.com` (local: `localhost`). */
  registry: string;
}

export interface DeployTargetInput {
  environment?: string;
  releaseVersion?: string;
  namespace?: string;
  context?: string;
  registry?: string;
}

const defaultNamespaces: Record<DeployEnvironment, string> = {
  local: 'factsway-local',
  staging: platform.namespaces.staging,
  production: platform.namespaces.production,
};

/**
 * Flags win over the environment (`DEPLOY_ENV`, `RELEASE_VERSION`, `DEPLOY_NAMESPACE`,
 * `KUBE_CONTEXT`, `IMAGE_REGISTRY`); nothing cluster-specific is hard-coded beyond the
 * catalog's namespace names.
 */
export function resolveDeployTarget(input: DeployTargetInput, env: NodeJS.ProcessEnv = process.env): DeployTarget {
  const environment = input.environment ?? env['DEPLOY_ENV'] ?? 'local';
  if (!deployEnvironments.includes(environment as DeployEnvironment)) {
    throw new Error(`unknown environment "${environment}": expected one of ${deployEnvironments.join(', ')}`);
  }
  const releaseVersion = input.releaseVersion ?? env['RELEASE_VERSION'] ?? platformVersion();
  if (!/^[0-9A-Za-z][0-9A-Za-z.+-]{0,127}$/.test(releaseVersion)) {
    throw new Error(`release version "${releaseVersion}" is not a valid image tag`);
  }
  const typed = environment as DeployEnvironment;
  const registry = input.registry ?? env['IMAGE_REGISTRY'] ?? (typed === 'local' ? 'localhost' : undefined);
  if (!registry) throw new Error(`--registry (or IMAGE_REGISTRY) is required for ${typed}`);
  return {
    environment: typed,
    releaseVersion,
    namespace: input.namespace ?? env['DEPLOY_NAMESPACE'] ?? env['KUBE_NAMESPACE'] ?? defaultNamespaces[typed],
    context: input.context ?? env['KUBE_CONTEXT'] ?? undefined,
    registry,
  };
}
