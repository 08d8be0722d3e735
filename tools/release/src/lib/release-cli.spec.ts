import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { writeTestRelease } from '@factsway/update-path/testing';
import { startTestS3, TestS3 } from '../testing';
import { runReleaseCli } from './release-cli';
import { parseUpdateManifest } from './update-manifest';

const workspaceRoot = resolve(__dirname, '../../../..');
let s3: TestS3;
let work: string;

beforeAll(async () => {
  s3 = await startTestS3();
  work = await mkdtemp(join(tmpdir(), 'factsway-cli-'));
});
afterAll(async () => {
  await s3.stop();
  await rm(work, { recursive: true, force: true });
});

/** The CLI exactly as `nx run release:<command>` runs it, as a separate process. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['-r', '@swc-node/register', 'tools/release/src/cli.ts', ...args],
      {
        cwd: workspaceRoot,
        // An S3-compatible endpoint takes credentials from the standard AWS variables.
        env: {
          ...process.env,
          SWC_NODE_PROJECT: 'tsconfig.base.json',
          AWS_ACCESS_KEY_ID: 'S3RVER',
          AWS_SECRET_ACCESS_KEY: 'S3RVER',
          UPDATES_DISTRIBUTION_ID: '',
        },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function inProcess(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runReleaseCli(args, { out: (l) => void out.push(l), err: (l) => void err.push(l), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('release CLI as a process', () => {
  it('publishes, rolls out and rolls back against an S3 endpoint', async () => {
    const bucket = await s3.newBucket('cli-flow');
    const target = ['--endpoint', s3.server.endpoint, '--bucket', bucket.name];
    for (const version of ['1.0.0', '1.0.1']) {
      const dir = join(work, version);
      await writeTestRelease(dir, version, ['windows']);
      const published = await cli(['publish', '--version', version, '--artifacts', dir, '--staging', '20', ...target]);
      expect(published.stderr).not.toMatch(/^(error|failed):/m);
      expect(published.code).toBe(0);
      expect(published.stdout).toContain(`published ${version}: latest.yml (2 uploaded, 0 already there)`);
    }
    const rollout = await cli(['rollout', '--percent', '0', ...target]);
    expect(rollout.stdout).toContain('halted: 1.0.1 in latest.yml');
    expect(parseUpdateManifest((await bucket.readText('latest.yml'))!, 'latest.yml').stagingPercentage).toBe(0);

    const rollback = await cli(['rollback', '--to', '1.0.0', ...target]);
    expect(rollback.code).toBe(0);
    expect(rollback.stdout).toContain('rolled back latest.yml to 1.0.0');
    expect(rollback.stdout).toContain('allowDowngrade');
    expect(parseUpdateManifest((await bucket.readText('latest.yml'))!, 'latest.yml').version).toBe('1.0.0');
  });

  it('publishes to the failover bucket too with --secondary-bucket, and rolls out in both', async () => {
    const bucket = await s3.newBucket('cli-primary');
    const failover = await s3.newBucket('cli-failover');
    const target = ['--endpoint', s3.server.endpoint, '--bucket', bucket.name];
    const secondary = ['--secondary-bucket', failover.name, '--secondary-endpoint', s3.server.endpoint];
    const dir = join(work, 'failover-1.0.2');
    await writeTestRelease(dir, '1.0.2', ['windows']);
    const published = await cli(['publish', '--version', '1.0.2', '--artifacts', dir, '--staging', '10', ...target, ...secondary]);
    expect(published.code).toBe(0);
    expect(published.stdout).toContain(`and failover bucket ${failover.name}`);
    const rollout = await cli(['rollout', '--percent', '50', ...target, ...secondary]);
    expect(rollout.code).toBe(0);
    for (const b of [bucket, failover]) {
      const manifest = parseUpdateManifest((await b.readText('latest.yml'))!, 'latest.yml');
      expect([manifest.version, manifest.stagingPercentage]).toEqual(['1.0.2', 50]);
    }
  });

  it('exits 2 with a clear message on bad input', async () => {
    const result = await cli(['publish', '--version', '1.0', '--artifacts', work, '--local']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('error: version "1.0" is not semver (expected e.g. 1.0.1 or 1.1.0-beta.1)');
  });
});

describe('release CLI input checks', () => {
  const local = ['--local'];
  it.each([
    [['publish', '--artifacts', '/tmp', ...local], '--version is required'],
    [['publish', '--version', 'v1.0.1', '--artifacts', '/tmp', ...local], 'version "v1.0.1" is not semver'],
    [['publish', '--version', '1.0.1', ...local], '--artifacts <dir> is required'],
    [['publish', '--version', '1.0.1', '--artifacts', '/tmp', '--channel', 'nightly', ...local], 'unknown channel "nightly" (known: latest, beta)'],
    [['publish', '--version', '1.0.1', '--artifacts', '/tmp', '--staging', '5.5', ...local], '--staging must be a whole number from 0 to 100, got "5.5"'],
    [['rollout', '--percent', '12.5', ...local], '--percent must be a whole number from 0 to 100, got "12.5"'],
    [['rollout', '--percent=-3', ...local], '--percent must be a whole number from 0 to 100, got "-3"'],
    [['rollback', ...local], '--to is required'],
    [['rollback', '--to', 'previous', ...local], 'version "previous" is not semver'],
    [['publish', '--version', '1.0.1', '--artifacts', '/tmp', '--bogus', ...local], "Unknown option '--bogus'"],
    [['deploy'], 'unknown command "deploy"'],
    [['rollout', '--percent', '5'], 'no bucket: pass --bucket <name>'],
    [['rollout', '--percent', '5', '--bucket', 'b'], 'no CloudFront distribution: pass --distribution-id'],
    [['rollout', '--percent', '5', '--bucket', 'b', '--endpoint', 'localhost:9'], '--endpoint must be an http(s) URL'],
    [['rollout', '--percent', '5', '--bucket', 'b', '--distribution-id', 'E1', '--secondary-bucket', 'c'], '--secondary-bucket needs --secondary-region'],
    [['rollout', '--percent', '5', '--bucket', 'b', '--distribution-id', 'E1', '--secondary-region', 'us-west-2'], 'need --secondary-bucket'],
  ])('%j is refused: %s', async (args, message) => {
    const result = await inProcess(args);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.out).toBe('');
  });

  it('refuses an empty artifacts folder and a folder with no installer', async () => {
    const empty = join(work, 'empty');
    await mkdir(empty, { recursive: true });
    const target = ['--endpoint', s3.server.endpoint, '--bucket', 'unused'];
    expect((await inProcess(['publish', '--version', '1.0.1', '--artifacts', empty, ...target])).err).toMatch(/artifacts folder .* is empty/);
    const other = join(work, 'other-version');
    await writeTestRelease(other, '1.0.0', ['windows']);
    expect((await inProcess(['publish', '--version', '1.0.1', '--artifacts', other, ...target])).err).toMatch(
      /does not carry version 1\.0\.1/,
    );
  });
});
