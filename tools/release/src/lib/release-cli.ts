import { parseArgs } from 'node:util';
import { CdnInvalidator, CloudFrontInvalidator, NoCdnInvalidator } from './cdn-invalidator';
import { publishRelease } from './publish-release';
import { ReleaseError } from './release-error';
import { parseChannel, parsePercent, parseVersion } from './release-input';
import { rollbackRelease } from './rollback-release';
import { setRollout } from './set-rollout';
import { UpdateBucket } from './update-bucket';
import { createUpdateS3Client, localBucketTarget, S3Target } from '@factsway/update-path';

export const releaseUsage = `usage:
  release publish  --version <semver> --artifacts <dir> [--channel latest|beta] [--staging <0-100>] [--release-notes <text>]
  release rollout  --percent <0-100> [--channel latest|beta]
  release rollback --to <version> [--channel latest|beta]
target (every command):
  --local                      the local platform's bucket (npm start), no CDN
  --bucket <name>              or UPDATES_BUCKET (CloudFormation output BucketName)
  --endpoint <url>             or UPDATES_S3_ENDPOINT, for an S3-compatible server
  --region <region>            or AWS_REGION (default us-east-1)
  --secondary-bucket <name>    or UPDATES_SECONDARY_BUCKET: the CDN's failover bucket (parameter SecondaryBucketName);
                               written like the primary, every file verified in both before any manifest in either
  --secondary-region <region>  or UPDATES_SECONDARY_REGION (parameter SecondaryBucketRegion)
  --secondary-endpoint <url>   or UPDATES_SECONDARY_S3_ENDPOINT, for an S3-compatible server
  --distribution-id <id>       or UPDATES_DISTRIBUTION_ID (output DistributionId); required for AWS`;

const targetFlags = {
  local: { type: 'boolean' },
  bucket: { type: 'string' },
  endpoint: { type: 'string' },
  region: { type: 'string' },
  'secondary-bucket': { type: 'string' },
  'secondary-region': { type: 'string' },
  'secondary-endpoint': { type: 'string' },
  'distribution-id': { type: 'string' },
  channel: { type: 'string' },
} as const;

const commandFlags = {
  publish: {
    ...targetFlags,
    version: { type: 'string' },
    artifacts: { type: 'string' },
    staging: { type: 'string' },
    'release-notes': { type: 'string' },
  },
  rollout: { ...targetFlags, percent: { type: 'string' } },
  rollback: { ...targetFlags, to: { type: 'string' } },
} as const;

type Command = keyof typeof commandFlags;
type Flags = Record<string, string | boolean | undefined>;

interface Target {
  bucket: UpdateBucket;
  secondaryBucket?: UpdateBucket;
  invalidator: CdnInvalidator;
  description: string;
}

function resolveTarget(flags: Flags, env: NodeJS.ProcessEnv): Target {
  const distributionId = (flags['distribution-id'] as string | undefined) ?? env['UPDATES_DISTRIBUTION_ID'];
  let target: S3Target;
  if (flags['local']) {
    target = localBucketTarget();
  } else {
    const bucket = (flags['bucket'] as string | undefined) ?? env['UPDATES_BUCKET'];
    if (!bucket) throw new ReleaseError('no bucket: pass --bucket <name> (or set UPDATES_BUCKET), or --local for the local platform');
    const endpoint = (flags['endpoint'] as string | undefined) ?? env['UPDATES_S3_ENDPOINT'];
    if (endpoint !== undefined && !/^https?:\/\/[^/]+/.test(endpoint)) {
      throw new ReleaseError(`--endpoint must be an http(s) URL, got "${endpoint}"`);
    }
    target = { bucket, endpoint, region: (flags['region'] as string | undefined) ?? env['AWS_REGION'] };
    if (!endpoint && !distributionId) {
      throw new ReleaseError(
        'no CloudFront distribution: pass --distribution-id (or set UPDATES_DISTRIBUTION_ID, the stack output DistributionId), ' +
          'otherwise clients keep reading cached manifests',
      );
    }
  }
  const invalidator = distributionId ? new CloudFrontInvalidator(distributionId) : new NoCdnInvalidator();
  const secondary = resolveSecondaryTarget(flags, env);
  const describe = (t: S3Target) => `bucket ${t.bucket}${t.endpoint ? ` at ${t.endpoint}` : ''}`;
  return {
    bucket: new UpdateBucket(createUpdateS3Client(target), target.bucket),
    secondaryBucket: secondary && new UpdateBucket(createUpdateS3Client(secondary), secondary.bucket),
    invalidator,
    description: describe(target) + (secondary ? ` and failover ${describe(secondary)}` : ''),
  };
}

function resolveSecondaryTarget(flags: Flags, env: NodeJS.ProcessEnv): S3Target | undefined {
  const bucket = (flags['secondary-bucket'] as string | undefined) ?? env['UPDATES_SECONDARY_BUCKET'];
  const region = (flags['secondary-region'] as string | undefined) ?? env['UPDATES_SECONDARY_REGION'];
  const endpoint = (flags['secondary-endpoint'] as string | undefined) ?? env['UPDATES_SECONDARY_S3_ENDPOINT'];
  if (!bucket) {
    if (region || endpoint) throw new ReleaseError('--secondary-region/--secondary-endpoint need --secondary-bucket <name>');
    return undefined;
  }
  if (endpoint !== undefined && !/^https?:\/\/[^/]+/.test(endpoint)) {
    throw new ReleaseError(`--secondary-endpoint must be an http(s) URL, got "${endpoint}"`);
  }
  if (!endpoint && !region) {
    throw new ReleaseError('--secondary-bucket needs --secondary-region (or UPDATES_SECONDARY_REGION): the failover bucket is in another region');
  }
  return { bucket, region, endpoint };
}

function parseCommand(argv: string[]): { command: Command; flags: Flags } {
  const [command, ...rest] = argv;
  if (!command || !(command in commandFlags)) {
    throw new ReleaseError(`unknown command "${command ?? ''}"\n${releaseUsage}`);
  }
  try {
    const { values } = parseArgs({ args: rest, options: commandFlags[command as Command], strict: true, allowPositionals: false });
    return { command: command as Command, flags: values as Flags };
  } catch (error) {
    throw new ReleaseError(`${(error as Error).message}\n${releaseUsage}`);
  }
}

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

/** Runs one release command; resolves to the process exit code (0 done, 2 refused, 1 failed). */
export async function runReleaseCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const { command, flags } = parseCommand(argv);
    const channel = parseChannel(flags['channel'] as string | undefined);
    const log = (line: string) => io.out(`  ${line}`);
    if (command === 'publish') {
      const version = parseVersion(flags['version'] as string | undefined);
      const artifactsDir = flags['artifacts'] as string | undefined;
      if (!artifactsDir) throw new ReleaseError('--artifacts <dir> is required (the electron-builder output folder)');
      const staging = flags['staging'] === undefined ? undefined : parsePercent(flags['staging'] as string, '--staging');
      const target = resolveTarget(flags, io.env);
      io.out(`publishing ${version} on ${channel} to ${target.description}`);
      const result = await publishRelease({
        version,
        artifactsDir,
        channel,
        stagingPercentage: staging,
        releaseNotes: flags['release-notes'] as string | undefined,
        bucket: target.bucket,
        secondaryBucket: target.secondaryBucket,
        invalidator: target.invalidator,
        log,
      });
      io.out(`published ${result.version}: ${result.manifests.join(', ')} (${result.uploaded.length} uploaded, ${result.alreadyPresent.length} already there)`);
      io.out(result.invalidation);
    } else if (command === 'rollout') {
      const percent = parsePercent(flags['percent'] as string | undefined, '--percent');
      const target = resolveTarget(flags, io.env);
      const result = await setRollout({ bucket: target.bucket, secondaryBucket: target.secondaryBucket, channel, percent, invalidator: target.invalidator, log });
      io.out(`${percent === 0 ? 'halted' : `rolling out to ${percent}%`}: ${result.version} in ${result.manifests.join(', ')}`);
      io.out(result.invalidation);
    } else {
      const toVersion = parseVersion(flags['to'] as string | undefined, '--to');
      const target = resolveTarget(flags, io.env);
      const result = await rollbackRelease({ bucket: target.bucket, secondaryBucket: target.secondaryBucket, channel, toVersion, invalidator: target.invalidator, log });
      io.out(`rolled back ${result.manifests.join(', ')} to ${result.version}`);
      io.out('installed clients on a newer version keep it unless the app sets allowDowngrade; ship a higher version to fix them');
      io.out(result.invalidation);
    }
    return 0;
  } catch (error) {
    if (error instanceof ReleaseError) {
      io.err(`error: ${error.message}`);
      return 2;
    }
    io.err(`failed: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}
