import { CdnInvalidator } from './cdn-invalidator';
import { readLiveManifests } from './live-manifests';
import { ReleaseError } from './release-error';
import { runReleaseSteps } from './release-steps';
import { newInvalidationReference } from './stored-file';
import { bucketSuffix, targetBuckets } from './target-buckets';
import { UpdateBucket } from './update-bucket';
import { UpdateManifest } from './update-manifest';
import { serializeUpdateManifest } from './update-manifest';
import { UpdateChannel } from '@factsway/update-path';

export interface RolloutOptions {
  bucket: UpdateBucket;
  /** The CDN's failover bucket: must offer the same release, and gets the same percentage. */
  secondaryBucket?: UpdateBucket;
  channel: UpdateChannel;
  /** 0 halts the rollout (no client takes the update), 100 offers it to everyone. */
  percent: number;
  invalidator: CdnInvalidator;
  log?: (line: string) => void;
}

export interface RolloutResult {
  version: string;
  manifests: string[];
  invalidation: string;
}

/**
 * Sets `stagingPercentage` on the channel's live manifests. electron-updater compares it
 * with a per-install random id, so raising it only adds clients; 100 removes the field.
 */
export async function setRollout(options: RolloutOptions): Promise<RolloutResult> {
  const { bucket, channel, percent } = options;
  const log = options.log ?? (() => undefined);
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
    throw new ReleaseError(`--percent must be a whole number from 0 to 100, got ${percent}`);
  }
  const buckets = targetBuckets(options);
  const where = bucketSuffix(buckets);
  const live = await readLiveManifests(bucket, channel);
  if (live.length === 0) throw new ReleaseError(`nothing is published on channel ${channel}: no ${channel}*.yml in ${bucket.name}`);
  // Writing the primary's manifests into a bucket that offers another release could point it at files it lacks.
  for (const other of buckets.slice(1)) {
    const otherLive = await readLiveManifests(other, channel);
    const differs =
      otherLive.length !== live.length ||
      live.some(({ name, manifest }) => {
        const twin = otherLive.find((m) => m.name === name);
        return !twin || releaseOf(twin.manifest) !== releaseOf(manifest);
      });
    if (differs) {
      throw new ReleaseError(
        `${other.name} does not offer the same release as ${bucket.name} on channel ${channel}; ` +
          `finish the interrupted publish (run it again) before changing the rollout`,
      );
    }
  }
  const versions = [...new Set(live.map((m) => m.manifest.version))];

  const texts = new Map(
    live.map(({ name, manifest }) => {
      const { stagingPercentage: _previous, ...rest } = manifest;
      return [name, serializeUpdateManifest(percent === 100 ? rest : { ...rest, stagingPercentage: percent })];
    }),
  );
  let invalidation = '';
  await runReleaseSteps(
    [
      ...buckets.flatMap((target) =>
        [...texts].map(([name, text]) => ({ name: `publish ${name}${where(target)}`, run: () => target.putText(name, text) })),
      ),
      {
        name: 'invalidate',
        run: async () => {
          invalidation = await options.invalidator.invalidate(
            [...texts.keys()].map((name) => `/${name}`),
            newInvalidationReference(`rollout-${percent}`),
          );
        },
      },
    ],
    log,
  );
  return { version: versions.join(', '), manifests: [...texts.keys()], invalidation };
}

/** A manifest's release, whatever its rollout percentage. */
function releaseOf(manifest: UpdateManifest): string {
  return JSON.stringify({ version: manifest.version, files: manifest.files });
}
