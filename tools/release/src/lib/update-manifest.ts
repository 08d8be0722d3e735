import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { Installer } from './release-artifacts';
import { ReleaseError } from './release-error';
import { DesktopPlatform, installerExtensions, releaseKey } from '@factsway/update-path';

const updateFileSchema = z.object({
  url: z.string().min(1),
  sha512: z.string().min(1),
  size: z.number().int().nonnegative(),
});

const updateManifestSchema = z.object({
  version: z.string().min(1),
  files: z.array(updateFileSchema).min(1),
  path: z.string().min(1),
  sha512: z.string().min(1),
  releaseDate: z.string().min(1),
  releaseNotes: z.string().optional(),
  stagingPercentage: z.number().int().min(0).max(100).optional(),
});

/** electron-builder's `latest*.yml`: what electron-updater's GenericProvider reads. */
export type UpdateManifest = z.infer<typeof updateManifestSchema>;
export type UpdateFile = z.infer<typeof updateFileSchema>;

const extensionOrder = Object.keys(installerExtensions);

function preferenceOf(name: string): number {
  return extensionOrder.findIndex((extension) => name.endsWith(extension));
}

export interface ManifestInput {
  version: string;
  platform: DesktopPlatform;
  installers: Installer[];
  releaseDate: string;
  releaseNotes?: string;
  stagingPercentage?: number;
}

/**
 * One platform's manifest. Files are ordered as electron-builder orders them (on mac the
 * zip, which MacUpdater installs, before the dmg); `path`/`sha512` repeat the first file
 * for old clients. URLs point into the immutable versioned prefix, relative to the base URL.
 */
export function buildUpdateManifest(input: ManifestInput): UpdateManifest {
  const files = input.installers
    .filter((installer) => installer.platform === input.platform)
    .sort((a, b) => preferenceOf(a.name) - preferenceOf(b.name) || a.name.localeCompare(b.name))
    .map((installer) => ({ url: releaseKey(input.version, installer.name), sha512: installer.sha512, size: installer.size }));
  if (files.length === 0) throw new Error(`no ${input.platform} installer to put in a manifest`);
  const manifest: UpdateManifest = {
    version: input.version,
    files,
    path: files[0].url,
    sha512: files[0].sha512,
    releaseDate: input.releaseDate,
  };
  if (input.releaseNotes !== undefined) manifest.releaseNotes = input.releaseNotes;
  if (input.stagingPercentage !== undefined) manifest.stagingPercentage = input.stagingPercentage;
  return manifest;
}

/**
 * YAML 1.1 output, like electron-builder's js-yaml: strings that look like timestamps
 * (releaseDate) are quoted, so electron-updater reads them back as strings.
 */
export function serializeUpdateManifest(manifest: UpdateManifest): string {
  return stringify(manifest, { schema: 'yaml-1.1', lineWidth: 0 });
}

export function parseUpdateManifest(text: string, source: string): UpdateManifest {
  let raw: unknown;
  try {
    raw = parse(text, { schema: 'yaml-1.1' });
  } catch (error) {
    throw new ReleaseError(`${source} is not valid YAML: ${(error as Error).message}`);
  }
  const result = updateManifestSchema.safeParse(raw);
  if (!result.success) {
    throw new ReleaseError(`${source} is not an update manifest: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return result.data;
}
