import { CdnInvalidator } from './cdn-invalidator';
import { readLiveManifests } from './live-manifests';
import { ReleaseError } from './release-error';
import { runReleaseSteps } from './release-steps';
import { newInvalidationReference } from './stored-file';
import { UpdateBucket } from './update-bucket';
import { serializeUpdateManifest } from './update-manifest';
import { UpdateChannel } from '@factsway/update-path';

export interface RolloutOptions {
  bucket: UpdateBucket;
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
  const live = await readLiveManifests(bucket, channel);
  if (live.length === 0) throw new ReleaseError(`nothing is published on channel ${channel}: no ${channel}*.yml in ${bucket.name}`);
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
      ...[...texts].map(([name, text]) => ({ name: `publish ${name}`, run: () => bucket.putText(name, text) })),
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
