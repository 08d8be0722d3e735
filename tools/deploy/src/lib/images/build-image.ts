import { findWorkspaceRoot } from '@factsway/dev-support';
import { platformVersion } from '@factsway/service-catalog';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool } from './container-tools';
import { CONTEXT_DIGEST_LABEL, contextDigest } from './context-digest';
import { imageReference, imageRepository } from './image-names';
import { ensureLocalBaseImage } from './node-base-image';
import { MIGRATIONS_PROJECT, packageVersions, stageMigrationsApp, stagePackages, stageServiceApp } from './stage-build-context';

export interface BuildImageOptions {
  project: string;
  version: string;
  /** @default 'localhost' */
  registry?: string;
  /** A published node base image; default: the local one built from scratch. */
  baseImage?: string;
  /** Migrations only: build from this folder instead of apps/migrations/migrations. */
  migrationsDir?: string;
  workspaceRoot?: string;
  /** Tag an existing image built from the same context instead of building (default true). */
  reuse?: boolean;
  log?: (line: string) => void;
}

export interface BuiltImage {
  reference: string;
  /** The image id (sha256 of its config); equal ids mean the same image. */
  id: string;
  packages: string[];
  seconds: number;
  /** `reused`: an image built from the same context existed and was tagged (same id, no build). */
  action: 'built' | 'reused';
}

function gitRevision(workspaceRoot: string): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: workspaceRoot, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function sourceUrl(workspaceRoot: string): string {
  if (process.env['IMAGE_SOURCE']) return process.env['IMAGE_SOURCE'];
  try {
    return execFileSync('git', ['config', '--get', 'remote.origin.url'], { cwd: workspaceRoot, encoding: 'utf8' }).trim();
  } catch {
    return `file://${workspaceRoot}`;
  }
}

export async function imageId(reference: string): Promise<string> {
  return (await runTool('podman', ['image', 'inspect', '--format', '{{.Id}}', reference])).stdout.trim();
}

/** The newest local image of the project's repository labelled with this context digest. */
async function imageWithDigest(repository: string, digest: string): Promise<string | undefined> {
  const { stdout } = await runTool('podman', [
    'images', '--no-trunc', '--sort', 'created',
    '--filter', `reference=${repository}`,
    '--filter', `label=${CONTEXT_DIGEST_LABEL}=${digest}`,
    '--format', '{{.ID}}',
  ]);
  return stdout.split('\n').map((line) => line.trim().replace(/^sha256:/, '')).find(Boolean);
}

/** Builds `<registry>/factsway/<project>:<version>` with buildah from the shared Containerfile. */
export async function buildImage(options: BuildImageOptions): Promise<BuiltImage> {
  const started = Date.now();
  const workspaceRoot = options.workspaceRoot ?? findWorkspaceRoot();
  const log = options.log ?? (() => undefined);
  const reference = imageReference(options.registry ?? 'localhost', options.project, options.version);
  const baseImage = options.baseImage ?? (await ensureLocalBaseImage(log));
  const contextDir = mkdtempSync(join(tmpdir(), `factsway-image-${options.project}-`));
  try {
    const packages =
      options.project === MIGRATIONS_PROJECT
        ? await stageMigrationsApp(workspaceRoot, contextDir, options.migrationsDir)
        : stageServiceApp(workspaceRoot, options.project, contextDir);
    const containerfile = join(workspaceRoot, 'tools', 'deploy', 'images', 'Containerfile');
    const baseId = await imageId(baseImage).catch(() => baseImage);
    // Digest before copying node_modules: the packages count by name@version (from the lockfile).
    const digest = contextDigest(
      contextDir,
      [readFileSync(containerfile, 'utf8'), baseId, ...packageVersions(workspaceRoot, packages)],
      platformVersion(workspaceRoot),
    );
    const existing = options.reuse === false ? undefined : await imageWithDigest(imageRepository(options.registry ?? 'localhost', options.project), digest);
    if (existing) {
      await runTool('podman', ['tag', existing, reference]);
      const seconds = (Date.now() - started) / 1000;
      log(`${reference}: unchanged since image ${existing.slice(0, 12)}, tagged (no build) in ${seconds.toFixed(1)}s`);
      return { reference, id: existing, packages, seconds, action: 'reused' };
    }
    stagePackages(workspaceRoot, packages, contextDir);
    const labels = {
      'org.opencontainers.image.title': options.project,
      'org.opencontainers.image.version': options.version,
      'org.opencontainers.image.revision': gitRevision(workspaceRoot),
      'org.opencontainers.image.source': sourceUrl(workspaceRoot),
      'org.opencontainers.image.created': new Date().toISOString(),
      'org.opencontainers.image.vendor': 'FACTSWAY',
      [CONTEXT_DIGEST_LABEL]: digest,
    };
    await runTool('buildah', [
      'build',
      '--quiet',
      '--layers',
      '--file', containerfile,
      '--build-arg', `BASE_IMAGE=${baseImage}`,
      ...Object.entries(labels).flatMap(([key, value]) => ['--label', `${key}=${value}`]),
      '--tag', reference,
      contextDir,
    ], { timeoutMs: 600_000 });
    const id = await imageId(reference);
    const seconds = (Date.now() - started) / 1000;
    log(`built ${reference} (${id.slice(0, 12)}, ${packages.length} packages) in ${seconds.toFixed(1)}s`);
    return { reference, id, packages, seconds, action: 'built' };
  } finally {
    rmSync(contextDir, { recursive: true, force: true });
  }
}
