import { UpdateBucket } from './update-bucket';
import { parseUpdateManifest, UpdateManifest } from './update-manifest';
import { DesktopPlatform, manifestName, manifestSuffix, releaseKey, UpdateChannel } from '@factsway/update-path';

export interface NamedManifest {
  name: string;
  platform: DesktopPlatform;
  manifest: UpdateManifest;
}

const platforms = Object.keys(manifestSuffix) as DesktopPlatform[];

/** The channel's manifests under `prefix` ('' for the live ones, releases/<v>/ for an archived release). */
async function readManifests(bucket: UpdateBucket, channel: UpdateChannel, keyOf: (name: string) => string): Promise<NamedManifest[]> {
  const found: NamedManifest[] = [];
  for (const platform of platforms) {
    const name = manifestName(channel, platform);
    const text = await bucket.readText(keyOf(name));
    if (text !== undefined) found.push({ name, platform, manifest: parseUpdateManifest(text, keyOf(name)) });
  }
  return found;
}

export function readLiveManifests(bucket: UpdateBucket, channel: UpdateChannel): Promise<NamedManifest[]> {
  return readManifests(bucket, channel, (name) => name);
}

export function readArchivedManifests(bucket: UpdateBucket, channel: UpdateChannel, version: string): Promise<NamedManifest[]> {
  return readManifests(bucket, channel, (name) => releaseKey(version, name));
}
