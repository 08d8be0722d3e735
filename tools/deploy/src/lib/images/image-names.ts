import { serviceNodeVersion } from '@factsway/dev-support';
/** `<registry>/factsway/<project>:<version>`, the name the generated manifests use. */
export function imageReference(registry: string, project: string, version: string): string {
  return `${imageRepository(registry, project)}:${version}`;
}

export function imageRepository(registry: string, project: string): string {
  return `${registry}/factsway/${project}`;
}

/** The locally built base: `buildah from scratch` + this machine's node binary and its libraries. */
export function localBaseImage(nodeVersion = serviceNodeVersion()): string {
  return `localhost/factsway/node-base:${nodeVersion.replace(/^v/, '')}`;
}
