// Nx release `versionActions` for the fixed `platform` group (nx.json "release"): the services
// and migrations have no package.json of their own; the platform version is the root
// package.json version (libs/service-catalog `platformVersion()`), so every project of the
// group reads and writes that one field.
import { ProjectGraph, Tree } from '@nx/devkit';
import { VersionActions } from 'nx/release';

const ROOT_MANIFEST = 'package.json';

function readRootManifest(tree: Tree): { version?: string } & Record<string, unknown> {
  const text = tree.read(ROOT_MANIFEST, 'utf-8');
  if (!text) throw new Error(`no ${ROOT_MANIFEST} at the workspace root`);
  return JSON.parse(text) as { version?: string } & Record<string, unknown>;
}

export default class PlatformVersionActions extends VersionActions {
  validManifestFilenames = [ROOT_MANIFEST];

  override async init(): Promise<void> {
    this.manifestsToUpdate = [{ manifestPath: ROOT_MANIFEST, preserveLocalDependencyProtocols: true }];
  }

  async readCurrentVersionFromSourceManifest(tree: Tree): Promise<{ currentVersion: string; manifestPath: string }> {
    const { version } = readRootManifest(tree);
    if (!version) throw new Error(`the root ${ROOT_MANIFEST} has no "version": it is the platform version`);
    return { currentVersion: version, manifestPath: ROOT_MANIFEST };
  }

  async readCurrentVersionFromRegistry(): Promise<null> {
    return null;
  }

  async readCurrentVersionOfDependency(): Promise<{ currentVersion: null; dependencyCollection: null }> {
    return { currentVersion: null, dependencyCollection: null };
  }

  async updateProjectVersion(tree: Tree, newVersion: string): Promise<string[]> {
    const manifest = readRootManifest(tree);
    if (manifest.version === newVersion) return [];
    const text = tree.read(ROOT_MANIFEST, 'utf-8')!;
    // Only the version field changes; the rest of the file keeps its bytes.
    tree.write(ROOT_MANIFEST, text.replace(/("version"\s*:\s*")[^"]*(")/, `$1${newVersion}$2`));
    return [`✍️  Platform version ${manifest.version} -> ${newVersion} in ${ROOT_MANIFEST}`];
  }

  async updateProjectDependencies(_tree: Tree, _graph: ProjectGraph): Promise<string[]> {
    return [];
  }
}
