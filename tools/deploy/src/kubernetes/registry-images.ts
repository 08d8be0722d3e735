import { runTool } from '../lib/images/container-tools';

/**
 * The registry the cluster pulls from, as the Kubernetes backend needs it: whether a release
 * tag exists, and tagging an image that exists under another tag (a copy of the manifest: the
 * same digest, nothing rebuilt). Tests script it (registry-images.testing.ts).
 */
export interface RegistryImages {
  exists(reference: string): Promise<boolean>;
  tag(from: string, to: string): Promise<void>;
}

/** skopeo against the real registry (credentials from the usual containers auth file). */
export class SkopeoRegistryImages implements RegistryImages {
  async exists(reference: string): Promise<boolean> {
    try {
      await runTool('skopeo', ['inspect', '--format', '{{.Digest}}', `docker://${reference}`]);
      return true;
    } catch {
      return false;
    }
  }

  async tag(from: string, to: string): Promise<void> {
    await runTool('skopeo', ['copy', '--all', '--preserve-digests', `docker://${from}`, `docker://${to}`]);
  }
}

/** `skopeo copy` as `--dry-run` prints it. */
export function describeTag(from: string, to: string): string {
  return `skopeo copy --all --preserve-digests docker://${from} docker://${to}`;
}
