import { DeployBackend } from './core/deploy-backend';
import { DeployTarget } from './core/deploy-target';
import { LocalEngineOptions } from './local/local-options';
import { LocalPodmanBackend } from './local/podman-backend';
import { KubernetesBackend } from '../kubernetes/kubernetes-backend';

/** The engine for an environment: podman locally, Kubernetes (kubectl) for staging and production. */
export function createBackend(target: DeployTarget, local: LocalEngineOptions = {}): DeployBackend {
  if (target.environment === 'local') return new LocalPodmanBackend(local);
  return new KubernetesBackend();
}
