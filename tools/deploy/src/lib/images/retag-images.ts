import { runTool } from './container-tools';
import { imageReference, imageRepository } from './image-names';
import { imageExists } from './node-base-image';

export interface RetagOutcome {
  project: string;
  reference: string;
  /** `built` when the release image already existed; `retagged` when it was tagged from `from`. */
  action: 'present' | 'retagged';
  from?: string;
  id: string;
}

/** Tags of a repository in local storage, newest image first. */
export async function localTags(repository: string): Promise<string[]> {
  const { stdout } = await runTool('podman', [
    'images', '--filter', `reference=${repository}`, '--sort', 'created', '--format', '{{.Repository}}:{{.Tag}}',
  ]);
  return stdout.split('\n').map((line) => line.trim()).filter((line) => line && !line.endsWith(':<none>')).reverse();
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
  const outcomes: RetagOutcome[] = [];
  for (const project of projects) {
    const reference = imageReference(registry, project, version);
    if (await imageExists(reference)) {
      outcomes.push({ project, reference, action: 'present', id: await idOf(reference) });
      continue;
    }
    const running = await previousVersion(project);
    const candidates = [
      ...(running ? [imageReference(registry, project, running)] : []),
      ...(await localTags(imageRepository(registry, project))),
    ];
    let from: string | undefined;
    for (const candidate of candidates) {
      if (await imageExists(candidate)) {
        from = candidate;
        break;
      }
    }
    if (!from) throw new Error(`no image of ${project} to tag as ${version}: run \`npx nx run ${project}:image\``);
    await runTool('podman', ['tag', from, reference]);
    outcomes.push({ project, reference, action: 'retagged', from, id: await idOf(reference) });
  }
  return outcomes;
}

async function idOf(reference: string): Promise<string> {
  return (await runTool('podman', ['image', 'inspect', '--format', '{{.Id}}', reference])).stdout.trim();
}
