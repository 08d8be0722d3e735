// The user's flow of README.md "Images and deploys", run as a user runs it: a fresh clone, no
// images and no pods (container storage of its own), `npm start` once and Ctrl-C, the first
// deploy to version A, a change to one service, the release version B, `deploy:base`, and
// `nx affected -t deploy --base=<that revision>`. Every step is the README's command, in order,
// with no variables set; the time of each is printed as `[flow] FIGURE <step>: <seconds>s`.
import { platform, services, serviceId } from '@factsway/service-catalog';
import { localUpdateBucket } from '@factsway/update-path';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { inc } from 'semver';
import { assertContainerToolsInstalled } from '../lib/images/container-tools';
import { localBaseImage } from '../lib/images/image-names';
import { MIGRATIONS_PROJECT } from '../lib/images/stage-build-context';
import { catalogServiceNames } from '../lib/local/local-options';
import { CommandRun, FreshCloneWorkspace } from './fresh-clone-workspace';

jest.setTimeout(25 * 60_000);

const say = (line: string) => process.stdout.write(`[flow] ${line}\n`);
const figure = (step: string, seconds: number) => say(`FIGURE ${step}: ${seconds.toFixed(1)}s`);
const clone = new FreshCloneWorkspace(say);
const serviceNames = catalogServiceNames();
const projects = [MIGRATIONS_PROJECT, ...serviceNames];
const changedService = 'signature-service';
/** What `npm start` and the local deploy listen on: the catalog's ports and the platform's. */
const flowPorts = [
  ...services.map((service) => service.port),
  platform.localPorts.postgres,
  platform.localPorts.updateOrigin,
  localUpdateBucket.port,
  platform.localPorts.sentrySink,
  platform.localPorts.prometheus,
  platform.localPorts.alertmanager,
  platform.localPorts.issuer,
];
let versionA = '';
let versionB = '';
let revisionA = '';
const imageIdsA: Record<string, string> = {};

/**
 * When each release image was made, in seconds after `started` (Nx hides the output of tasks
 * that succeed): the last one ends the image phase of a deploy run, the rest is the deploy.
 */
async function reportImageTimes(version: string, started: number): Promise<number> {
  let last = 0;
  for (const project of ['node-base', ...projects]) {
    const reference = project === 'node-base' ? localBaseImage() : `localhost/factsway/${project}:${version}`;
    const created = (await clone.tool('podman', ['image', 'inspect', '--format', '{{.Created.Unix}}', reference])).trim();
    const seconds = Number(created) - started / 1000;
    if (seconds > 0) {
      say(`  ${project} image made at +${seconds.toFixed(0)}s`);
      last = Math.max(last, seconds);
    } else say(`  ${project} image from before this run (no build)`);
  }
  return last;
}

function expectSucceeded(run: CommandRun, what: string): void {
  if (run.code !== 0) throw new Error(`${what} exited ${run.code}; its last output:\n${clone.logTail()}`);
}

async function imageIdOf(project: string, version: string): Promise<string> {
  return (await clone.tool('podman', ['image', 'inspect', '--format', '{{.Id}}', `localhost/factsway/${project}:${version}`])).trim();
}

async function healthVersions(): Promise<Record<string, string | undefined>> {
  const entries = await Promise.all(
    services.map(async (service) => {
      try {
        const response = await fetch(`http://127.0.0.1:${service.port}/health`, { signal: AbortSignal.timeout(3000) });
        return [serviceId(service.name), ((await response.json()) as { version?: string }).version] as const;
      } catch {
        return [serviceId(service.name), undefined] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}

const everyServiceAt = (version: string) => Object.fromEntries(serviceNames.map((service) => [service, version]));

beforeAll(async () => {
  assertContainerToolsInstalled();
  const taken = await FreshCloneWorkspace.takenPorts(flowPorts);
  if (taken.length) {
    throw new Error(
      `the deploy flow runs the platform on the catalog's ports as the README does, and ${taken.join(', ')} ` +
        `${taken.length === 1 ? 'is' : 'are'} taken (a running \`npm start\` or local deploy?): stop it and run this test again`,
    );
  }
  const started = Date.now();
  clone.create();
  versionA = (JSON.parse(clone.readFile('package.json')) as { version: string }).version;
  versionB = inc(versionA, 'patch')!;
  revisionA = clone.git('rev-parse', 'HEAD');
  expect((await clone.tool('podman', ['images', '--quiet'])).trim()).toBe('');
  expect((await clone.tool('podman', ['pod', 'ps', '--quiet'])).trim()).toBe('');
  figure('fresh clone with empty container storage', (Date.now() - started) / 1000);
});

afterAll(async () => {
  const started = Date.now();
  await clone.remove();
  figure('cleanup (pods, images, PostgreSQL, clone)', (Date.now() - started) / 1000);
});

describe('the README deploy flow from a fresh clone, on the local engine', () => {
  it('npm start once creates the embedded PostgreSQL in .local/; Ctrl-C stops the platform', async () => {
    const run = await clone.runUntilThenInterrupt('npm', ['start'], /all \d+ services ready/, 10 * 60_000);
    figure('npm start until ready, then Ctrl-C', run.seconds);
    if (!run.ready) throw new Error(`npm start did not report the platform ready; its last output:\n${clone.logTail()}`);
    // Ctrl-C: the platform stops with 0 (or 130), npm itself dies of the SIGINT.
    expect(run.code === 0 || run.code === 130 || run.signal === 'SIGINT').toBe(true);
    expect(existsSync(join(clone.root, '.local', 'postgres', 'data', 'PG_VERSION'))).toBe(true);
    expect(Object.values(await healthVersions())).toEqual(serviceNames.map(() => undefined));
  });

  it('npx nx run-many -t deploy: the first deploy brings all eight services to version A', async () => {
    const started = Date.now();
    const run = await clone.run('npx', ['nx', 'run-many', '-t', 'deploy']);
    figure(`first deploy, nine images from nothing (npx nx run-many -t deploy, ${versionA})`, run.seconds);
    expectSucceeded(run, 'npx nx run-many -t deploy');
    figure('first deploy: image phase (until its last image was made)', await reportImageTimes(versionA, started));
    expect(await healthVersions()).toEqual(everyServiceAt(versionA));
    for (const project of projects) imageIdsA[project] = await imageIdOf(project, versionA);
  });

  it('a change to one service, committed, and npx nx release version B', async () => {
    const main = `apps/${changedService}/src/main.ts`;
    clone.writeFile(main, `${clone.readFile(main)}process.title = '${changedService}';\n`);
    clone.git('commit', '--quiet', '--all', '--message', `${changedService}: name its process`);
    const run = await clone.run('npx', ['nx', 'release', 'version', versionB]);
    figure(`npx nx release version ${versionB}`, run.seconds);
    expectSucceeded(run, `npx nx release version ${versionB}`);
    expect((JSON.parse(clone.readFile('package.json')) as { version: string }).version).toBe(versionB);
  });

  it('npx nx run deploy:base prints the revision the environment runs (the first deploy’s)', async () => {
    const run = await clone.run('npx', ['nx', 'run', 'deploy:base']);
    figure('npx nx run deploy:base', run.seconds);
    expectSucceeded(run, 'npx nx run deploy:base');
    const printed = run.output.split('\n').map((line) => line.trim()).filter((line) => /^[0-9a-f]{40}$/.test(line));
    expect(printed).toEqual([revisionA]);
  });

  it('npx nx affected -t deploy --base=<that revision>: all eight at B, only the changed service rebuilt', async () => {
    const started = Date.now();
    const run = await clone.run('npx', ['nx', 'affected', '-t', 'deploy', `--base=${revisionA}`]);
    figure(`release deploy (npx nx affected -t deploy --base=<revision>, ${versionB})`, run.seconds);
    expectSucceeded(run, 'npx nx affected -t deploy');
    figure('release deploy: image phase (until its last image was made)', await reportImageTimes(versionB, started));
    expect(await healthVersions()).toEqual(everyServiceAt(versionB));
    const rebuilt: string[] = [];
    for (const project of projects) {
      if ((await imageIdOf(project, versionB)) !== imageIdsA[project]) rebuilt.push(project);
    }
    expect(rebuilt).toEqual([changedService]);
  });
});
