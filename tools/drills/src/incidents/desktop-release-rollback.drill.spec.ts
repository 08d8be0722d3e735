import { parseUpdateManifest, runReleaseCli } from '@factsway/release';
import { startTestS3, TestS3 } from '@factsway/release/testing';
import { digestBytes, manifestMaxAgeSeconds } from '@factsway/update-path';
import { writeTestRelease } from '@factsway/update-path/testing';
import { RunningUpdateOrigin, startUpdateOrigin } from '@factsway/update-origin';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { DesktopClient } from './desktop-client';
import { printFigure } from './figures';

/**
 * Drill 5 of docs/operations/incident-response.md: a bad desktop build published to 10%,
 * halted, rolled back and fixed with a higher version, with the release CLI the handbook
 * gives (`npx nx run release:<command> -- ...` runs the same `runReleaseCli`), the real
 * update origin in front of an S3 API (s3rver), and electron-updater's own AppUpdater as
 * the installed clients. A watcher reads the live manifests through the origin the whole
 * time and downloads every file they name.
 */
const bucketName = 'incident-drill-updates';
const good = '1.4.0';
const bad = '1.4.1';
const fix = '1.4.2';
// electron-updater compares the id's last 32 bits with stagingPercentage: ...00000001 is inside 10 %, ...fffffff0 outside.
const insideTheStage = 'c0ffee00-0000-4000-8000-000000000001';
const outsideTheStage = 'c0ffee00-0000-4000-8000-0000fffffff0';

let s3: TestS3;
let origin: RunningUpdateOrigin;
let work: string;
const savedEnv = { ...process.env };

/** Reads the live manifests as a client does and fetches every file they point at. */
class ManifestWatcher {
  checks = 0;
  readonly problems: string[] = [];
  private running = false;
  private loop?: Promise<void>;

  start(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        await this.checkOnce();
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async checkOnce(): Promise<void> {
    for (const name of ['latest.yml', 'latest-linux.yml']) {
      const response = await fetch(new URL(`${name}?noCache=${Date.now()}`, origin.url));
      if (response.status === 404) continue; // nothing published yet
      const manifest = parseUpdateManifest(await response.text(), name);
      for (const file of manifest.files) {
        const installer = await fetch(new URL(file.url, origin.url));
        if (installer.status !== 200) {
          this.problems.push(`${name} ${manifest.version} -> ${file.url}: HTTP ${installer.status}`);
          continue;
        }
        const digest = digestBytes(new Uint8Array(await installer.arrayBuffer()));
        if (digest.sha512 !== file.sha512 || digest.size !== file.size) {
          this.problems.push(`${name} ${manifest.version} -> ${file.url}: bytes differ from the manifest`);
        }
      }
      this.checks++;
    }
  }
}

async function release(...argv: string[]): Promise<{ code: number; ms: number; out: string[] }> {
  const out: string[] = [];
  const startedAt = Date.now();
  const code = await runReleaseCli([...argv, '--bucket', bucketName, '--endpoint', s3.server.endpoint], {
    out: (line) => out.push(line),
    err: (line) => out.push(line),
    env: process.env,
  });
  return { code, ms: Date.now() - startedAt, out };
}

const client = (installed: string, stagingId: string, name: string) =>
  new DesktopClient(installed, stagingId, origin.url, join(work, 'clients', name));

beforeAll(async () => {
  // s3rver's fixed development credentials, through the SDK's ordinary credential chain.
  process.env['AWS_ACCESS_KEY_ID'] = 'S3RVER';
  process.env['AWS_SECRET_ACCESS_KEY'] = 'S3RVER';
  process.env['AWS_REGION'] = 'us-east-1';
  s3 = await startTestS3();
  await s3.newBucket(bucketName);
  // Clients check right after each release command, as they do behind the CDN once the publisher
  // has invalidated the manifests: the origin asks the bucket on every request instead of
  // serving a manifest up to its default second old.
  origin = await startUpdateOrigin({ bucket: { ...s3.server.target, bucket: bucketName }, port: 0, manifestRevalidateMs: 0, logger: pino({ level: 'silent' }) });
  work = await mkdtemp(join(tmpdir(), 'desktop-release-drill-'));
  for (const version of [good, bad, fix]) await writeTestRelease(join(work, 'artifacts', version), version, ['windows', 'linux']);
}, 60_000);

afterAll(async () => {
  await origin?.close();
  await s3?.stop();
  if (work) await rm(work, { recursive: true, force: true });
  process.env = savedEnv;
});

describe('bad desktop release drill', () => {
  it('halts a staged bad build, rolls back, and reaches every client with a higher version; no manifest ever names a missing or different file', async () => {
    expect((await release('publish', '--version', good, '--artifacts', join(work, 'artifacts', good))).code).toBe(0);
    const watcher = new ManifestWatcher();
    watcher.start();
    try {
      // The bad build goes out to 10 %.
      const staged = await release('publish', '--version', bad, '--artifacts', join(work, 'artifacts', bad), '--staging', '10');
      expect(staged.code).toBe(0);
      const early = client(good, insideTheStage, 'early');
      const late = client(good, outsideTheStage, 'late');
      expect(await early.check()).toEqual({ offered: bad, latest: bad });
      expect(await early.download()).toBe(bad);
      expect(await late.check()).toEqual({ offered: null, latest: bad });
      const installedBad = client(bad, insideTheStage, 'installed-bad');

      // Halt: nobody else takes it.
      const halt = await release('rollout', '--percent', '0');
      expect(halt.code).toBe(0);
      expect(halt.out).toContain(`halted: ${bad} in latest.yml, latest-linux.yml`);
      expect(await client(good, insideTheStage, 'early-after-halt').check()).toEqual({ offered: null, latest: bad });
      expect(await late.check()).toEqual({ offered: null, latest: bad });

      // Roll back: the manifests describe the good version again; the bad install does not downgrade.
      const rollback = await release('rollback', '--to', good);
      expect(rollback.code).toBe(0);
      expect(await client(good, insideTheStage, 'early-after-rollback').check()).toEqual({ offered: null, latest: good });
      expect(await installedBad.check()).toEqual({ offered: null, latest: good });

      // The fix is a higher version, for everyone: it reaches the bad install and the rest alike.
      const fixed = await release('publish', '--version', fix, '--artifacts', join(work, 'artifacts', fix));
      expect(fixed.code).toBe(0);
      expect(await installedBad.check()).toEqual({ offered: fix, latest: fix });
      expect(await installedBad.download()).toBe(fix);
      expect(await late.check()).toEqual({ offered: fix, latest: fix });

      await watcher.stop();
      expect(watcher.problems).toEqual([]);
      expect(watcher.checks).toBeGreaterThan(0);
      printFigure('desktop: publish bad build at 10 %', `${(staged.ms / 1000).toFixed(2)} s; a client inside the stage was offered ${bad}, one outside was not`);
      printFigure('desktop: halt (rollout --percent 0)', `${(halt.ms / 1000).toFixed(2)} s; no client on ${good} was offered ${bad} afterwards`);
      printFigure('desktop: rollback --to ' + good, `${(rollback.ms / 1000).toFixed(2)} s; the ${bad} install stayed on ${bad} (no downgrade)`);
      printFigure('desktop: publish fix ' + fix, `${(fixed.ms / 1000).toFixed(2)} s; the ${bad} install and the ${good} installs were offered ${fix}`);
      printFigure('desktop: manifest checks during the drill', `${watcher.checks} reads, every named file present with its sha512 and size, 0 problems`);
      printFigure('desktop: worst case until every running client sees a change', `CDN manifest TTL ${manifestMaxAgeSeconds} s (if an invalidation is missed) + the app's check interval`);
    } finally {
      await watcher.stop();
    }
  }, 120_000);
});
