import { CdnInvalidator } from './cdn-invalidator';
import { readArchivedManifests, readLiveManifests } from './live-manifests';
import { ReleaseError } from './release-error';
import { runReleaseSteps } from './release-steps';
import { newInvalidationReference, verifyStoredFile } from './stored-file';
import { bucketSuffix, targetBuckets } from './target-buckets';
import { UpdateBucket } from './update-bucket';
import { serializeUpdateManifest } from './update-manifest';
import { UpdateChannel } from '@factsway/update-path';

export interface RollbackOptions {
  bucket: UpdateBucket;
  /** The CDN's failover bucket: verified and rolled back too. */
  secondaryBucket?: UpdateBucket;
  channel: UpdateChannel;
  toVersion: string;
  invalidator: CdnInvalidator;
  log?: (line: string) => void;
}

export interface RollbackResult {
  version: string;
  manifests: string[];
  invalidation: string;
}

/**
 * Makes an earlier release live again from the manifests archived when it was published
 * (no dependence on bucket versioning), after checking every file they point at is
 * still stored with the same bytes. Installed clients newer than that version do not
 * downgrade unless the app sets `autoUpdater.allowDowngrade`; the usual fix for a bad
 * release is a higher version, and rollback stops the bad one spreading meanwhile.
 */
export async function rollbackRelease(options: RollbackOptions): Promise<RollbackResult> {
  const { bucket, channel, toVersion } = options;
  const buckets = targetBuckets(options);
  const where = bucketSuffix(buckets);
  const log = options.log ?? (() => undefined);
  const archived = await readArchivedManifests(bucket, channel, toVersion);
  if (archived.length === 0) {
    throw new ReleaseError(`${toVersion} was never published on channel ${channel} (no releases/${toVersion}/${channel}*.yml)`);
  }
  for (const { name, manifest } of archived) {
    if (manifest.version !== toVersion) throw new ReleaseError(`releases/${toVersion}/${name} describes ${manifest.version}`);
  }

  const live = await readLiveManifests(bucket, channel);
  for (const { name, manifest } of live) {
    if (!archived.some((a) => a.name === name)) {
      log(`warning: ${name} stays at ${manifest.version}: ${toVersion} has no installer for that platform`);
    }
  }

  const texts = new Map(
    archived.map(({ name, manifest }) => {
      // A rollback target is offered to everyone: it was a full release before.
      const { stagingPercentage: _staged, ...rest } = manifest;
      return [name, serializeUpdateManifest(rest)];
    }),
  );
  let invalidation = '';
  await runReleaseSteps(
    [
      // Every file in every bucket before any manifest in either: the CDN may read from both.
      ...buckets.flatMap((target) =>
        archived.flatMap(({ manifest }) =>
          manifest.files.map((file) => ({ name: `verify ${file.url}${where(target)}`, run: () => verifyStoredFile(target, file.url, file) })),
        ),
      ),
      ...buckets.flatMap((target) =>
        [...texts].map(([name, text]) => ({ name: `publish ${name}${where(target)}`, run: () => target.putText(name, text) })),
      ),
      {
        name: 'invalidate',
        run: async () => {
          invalidation = await options.invalidator.invalidate(
            [...texts.keys()].map((name) => `/${name}`),
            newInvalidationReference(`rollback-${toVersion}`),
          );
        },
      },
    ],
    log,
  );
  return { version: toVersion, manifests: [...texts.keys()], invalidation };
}
