import { runTool } from './container-tools';

const REVISION_LABEL = 'org.opencontainers.image.revision';

/**
 * The source revision an image was built from (its OCI label): from local storage for the local
 * engine, from the registry otherwise. undefined when the image or the label is missing.
 */
export async function imageRevision(reference: string, where: 'local' | 'registry'): Promise<string | undefined> {
  const format = `{{index .Labels "${REVISION_LABEL}"}}`;
  try {
    const { stdout } =
      where === 'local'
        ? await runTool('podman', ['image', 'inspect', '--format', format, reference])
        : await runTool('skopeo', ['inspect', '--format', format, `docker://${reference}`]);
    const revision = stdout.trim();
    return revision && revision !== '<no value>' ? revision : undefined;
  } catch {
    return undefined;
  }
}
