import { gt } from 'semver';
import { CdnInvalidator } from './cdn-invalidator';
import { collectReleaseArtifacts, ReleaseFile } from './release-artifacts';
import { ReleaseError } from './release-error';
import { assertChannelFitsVersion } from './release-input';
import { ReleaseStep, runReleaseSteps } from './release-steps';
import { bucketSuffix, targetBuckets } from './target-buckets';
import { UpdateBucket } from './update-bucket';
import { buildUpdateManifest, parseUpdateManifest, serializeUpdateManifest, UpdateManifest } from './update-manifest';
import { DesktopPlatform, manifestName, releaseKey, UpdateChannel } from '@factsway/update-path';
import { newInvalidationReference, verifyStoredFile } from './stored-file';

export interface PublishOptions {
  version: string;
  artifactsDir: string;
  channel: UpdateChannel;
  stagingPercentage?: number;
  releaseNotes?: string;
  bucket: UpdateBucket;
  /** The CDN's failover bucket: receives the same objects, under the same ordering rule. */
  secondaryBucket?: UpdateBucket;
  invalidator: CdnInvalidator;
  log?: (line: string) => void;
  /** Called after each step completes; tests throw here to interrupt a publish. */
  afterStep?: (step: string) => void | Promise<void>;
  now?: () => Date;
}

export interface PublishResult {
  version: string;
  channel: UpdateChannel;
  manifests: string[];
  uploaded: string[];
  alreadyPresent: string[];
  invalidation: string;
}

function sameFiles(a: UpdateManifest, b: UpdateManifest): boolean {
  return JSON.stringify(a.files) === JSON.stringify(b.files);
}

/**
 * Publishes one version so that no client can ever read a manifest pointing at a
 * missing or different file:
 *   1. refuse if any versioned object already exists with other bytes;
 *   2. upload installers and blockmaps under releases/<version>/ (immutable names);
 *   3. verify each stored object (HEAD size, then sha512 of the stored bytes);
 *   4. archive the manifests under releases/<version>/ (what rollback republishes);
 *   5. write the live manifests, one PUT each (atomic per object);
 *   6. invalidate the manifest paths on the CDN.
 * With a secondary (failover) bucket, steps 2-3 are done in both buckets before step 4 in
 * either, so neither origin ever holds a manifest whose files it lacks, whichever the CDN
 * reads. Every step is idempotent, so a run stopped anywhere is finished by running it again.
 */
export async function publishRelease(options: PublishOptions): Promise<PublishResult> {
  const { version, channel, bucket } = options;
  const buckets = targetBuckets(options);
  const where = bucketSuffix(buckets);
  const log = options.log ?? (() => undefined);
  assertChannelFitsVersion(version, channel);

  const artifacts = await collectReleaseArtifacts(options.artifactsDir, version);
  for (const name of artifacts.ignored) log(`ignoring ${name} (not an installer or blockmap)`);
  const files: ReleaseFile[] = artifacts.installers.flatMap((i) => (i.blockmap ? [i, i.blockmap] : [i]));

  // Per bucket: a failover bucket added later, or a run interrupted between buckets, lacks some files.
  const present = new Map<UpdateBucket, Set<string>>(buckets.map((b) => [b, new Set<string>()]));
  for (const target of buckets) {
    for (const file of files) {
      const key = releaseKey(version, file.name);
      const stored = await target.head(key);
      if (!stored) continue;
      const digest = stored.size === file.size ? await target.digest(key) : undefined;
      if (!digest || digest.sha512 !== file.sha512 || digest.size !== file.size) {
        throw new ReleaseError(
          `${version} is already published with different bytes for ${file.name} (${key}${where(target)}); ` +
            `published versions are immutable: build and publish a new version instead`,
        );
      }
      present.get(target)!.add(file.name);
    }
  }
  const alreadyPresent = files.filter((file) => buckets.every((b) => present.get(b)!.has(file.name))).map((f) => f.name);

  const platforms = [...new Set(artifacts.installers.map((i) => i.platform))] as DesktopPlatform[];
  const manifests = new Map<string, UpdateManifest>();
  for (const platform of platforms) {
    const name = manifestName(channel, platform);
    for (const target of buckets) {
      const live = await target.readText(name);
      if (live === undefined) continue;
      const liveVersion = parseUpdateManifest(live, name).version;
      if (gt(liveVersion, version)) {
        throw new ReleaseError(
          `${name}${where(target)} already offers ${liveVersion}, newer than ${version}; clients would not take it. ` +
            `To go back to an older release use rollback --to ${version}`,
        );
      }
    }
    let releaseDate = (options.now ?? (() => new Date()))().toISOString();
    const draft = buildUpdateManifest({ version, platform, installers: artifacts.installers, releaseDate });
    const archivedText = await bucket.readText(releaseKey(version, name));
    if (archivedText !== undefined) {
      const archived = parseUpdateManifest(archivedText, releaseKey(version, name));
      if (sameFiles(archived, draft)) releaseDate = archived.releaseDate;
    }
    manifests.set(
      name,
      buildUpdateManifest({
        version,
        platform,
        installers: artifacts.installers,
        releaseDate,
        releaseNotes: options.releaseNotes,
        stagingPercentage: options.stagingPercentage,
      }),
    );
  }

  const uploaded: string[] = [];
  const texts = new Map([...manifests].map(([name, manifest]) => [name, serializeUpdateManifest(manifest)]));
  let invalidation = '';
  const steps: ReleaseStep[] = [
    ...buckets.flatMap((target) =>
      files
        .filter((file) => !present.get(target)!.has(file.name))
        .map((file) => ({
          name: `upload ${file.name}${where(target)}`,
          run: async () => {
            await target.putFile(releaseKey(version, file.name), file.path, file);
            if (!uploaded.includes(file.name)) uploaded.push(file.name);
          },
        })),
    ),
    ...buckets.flatMap((target) =>
      files.map((file) => ({
        name: `verify ${file.name}${where(target)}`,
        run: () => verifyStoredFile(target, releaseKey(version, file.name), file),
      })),
    ),
    ...buckets.flatMap((target) =>
      [...texts].map(([name, text]) => ({
        name: `archive ${name}${where(target)}`,
        run: () => target.putText(releaseKey(version, name), text),
      })),
    ),
    ...buckets.flatMap((target) =>
      [...texts].map(([name, text]) => ({
        name: `publish ${name}${where(target)}`,
        run: async () => {
          await target.putText(name, text);
          if ((await target.readText(name)) !== text) throw new Error(`${name} read back differently from what was written${where(target)}`);
        },
      })),
    ),
    {
      name: 'invalidate',
      run: async () => {
        const paths = [...texts.keys()].map((name) => `/${name}`);
        invalidation = await options.invalidator.invalidate(paths, newInvalidationReference('publish'));
      },
    },
  ];
  await runReleaseSteps(steps, log, options.afterStep);

  return { version, channel, manifests: [...texts.keys()], uploaded, alreadyPresent, invalidation };
}
