import { runTool } from './container-tools';
import { imageReference, imageRepository } from './image-names';

export interface RetagOutcome {
  project: string;
  reference: string;
  /** `built` when the release image already existed; `retagged` when it was tagged from `from`. */
  action: 'present' | 'retagged';
  from?: string;
  id: string;
}

/** Every tagged image in local storage: reference -> image id, newest first (one podman call). */
export async function localImages(): Promise<Map<string, string>> {
  const { stdout } = await runTool('podman', ['images', '--no-trunc', '--sort', 'created', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}']);
  const images = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const [id, reference] = line.trim().split(' ');
    if (id && reference && !reference.endsWith(':<none>')) images.set(reference, id.replace(/^sha256:/, ''));
  }
  return images;
}

/**
 * One version everywhere: every project gets an image tagged with the release version. Projects
 * that `nx affected -t image` did not rebuild are tagged from their previous image (the one
 * running, if known, else the newest tag): the same image id, not a rebuild.
 */
export async function ensureReleaseImages(
  projects: readonly string[],
  registry: string,
  version: string,
  previousVersion: (project: string) => Promise<string | undefined> = async () => undefined,
): Promise<RetagOutcome[]> {
  const images = await localImages();
  const outcomes: RetagOutcome[] = [];
  for (const project of projects) {
    const reference = imageReference(registry, project, version);
    const present = images.get(reference);
    if (present) {
      outcomes.push({ project, reference, action: 'present', id: present });
      continue;
    }
    const running = await previousVersion(project);
    const repository = `${imageRepository(registry, project)}:`;
    const candidates = [
      ...(running ? [imageReference(registry, project, running)] : []),
      ...[...images.keys()].filter((candidate) => candidate.startsWith(repository)),
    ];
    const from = candidates.find((candidate) => images.has(candidate));
    if (!from) throw new Error(`no image of ${project} to tag as ${version}: run \`npx nx run ${project}:image\``);
    await runTool('podman', ['tag', from, reference]);
    outcomes.push({ project, reference, action: 'retagged', from, id: images.get(from)! });
  }
  return outcomes;
}
