import { createProjectGraphAsync, ProjectGraph, workspaceRoot } from '@nx/devkit';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { nxCommandProblem } from './nx-command-problems';
import { nxCommands } from './nx-commands';

interface ParsedWorkflow {
  file: string;
  errors: string[];
  converted: string[];
  jobs: { id: string; environment?: string; needs: string[]; steps: { uses?: string; run?: string; with?: Record<string, unknown> }[] }[];
}

const validator = join(__dirname, 'validate-workflow.mjs');
const workflowFiles = ['.github/workflows/ci.yml', '.github/workflows/release.yml', '.github/workflows/desktop-rollout.yml'];

/** GitHub's parser (@actions/workflow-parser) runs in a child process: it is ESM only. */
function validate(files: string[], stdin?: string): ParsedWorkflow[] {
  const output = execFileSync(process.execPath, [validator, ...files], { cwd: workspaceRoot, input: stdin, encoding: 'utf8' });
  return output.trim().split('\n').map((line) => JSON.parse(line) as ParsedWorkflow);
}

let graph: ProjectGraph;
let workflows: ParsedWorkflow[];
beforeAll(async () => {
  process.env['NX_DAEMON'] = 'false';
  workflows = validate(workflowFiles);
  graph = await createProjectGraphAsync({ exitOnError: true });
}, 180_000);

const workflow = (name: string) => workflows.find((candidate) => candidate.file.endsWith(name))!;
const scripts = (parsed: ParsedWorkflow) => parsed.jobs.flatMap((job) => job.steps.map((step) => step.run ?? ''));
const allCommands = () => workflows.flatMap((parsed) => scripts(parsed).flatMap(nxCommands));

describe('GitHub workflows', () => {
  it('parse and convert with GitHub\'s workflow parser without errors', () => {
    for (const parsed of workflows) expect({ file: parsed.file, errors: parsed.errors }).toEqual({ file: parsed.file, errors: [] });
    expect(workflow('ci.yml').converted).toEqual(['affected']);
    expect(workflow('release.yml').converted).toEqual(['build', 'deploy-staging', 'deploy-production', 'publish-desktop']);
    expect(workflow('desktop-rollout.yml').converted).toEqual(['rollout']);
  });

  it('negative control: a broken workflow is rejected by the same check', () => {
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: [missing]\n    steps:\n      - run: echo ${{ github.sha\n    bogus: 1\n';
    const [parsed] = validate(['-'], broken);
    expect(parsed.errors.length).toBeGreaterThan(0);
    expect(parsed.errors.join('\n')).toContain("Unexpected value 'bogus'");
    expect(parsed.errors.join('\n')).toContain('The expression is not closed');
  });

  it('every npx nx command names an existing project, target and configuration', () => {
    const commands = allCommands();
    expect(commands.map((command) => command.line)).toEqual(
      expect.arrayContaining([
        'npx nx affected -t lint typecheck test build --parallel=2 --outputStyle=stream',
        expect.stringContaining('npx nx run deploy:base -c staging --outputStyle=stream'),
        'npx nx run deploy:release -c staging --outputStyle=stream',
        'npx nx run deploy:release -c production --outputStyle=stream',
      ]),
    );
    expect(commands.length).toBeGreaterThanOrEqual(9);
    expect(commands.map((command) => [command.line, nxCommandProblem(graph, command)]).filter(([, why]) => why)).toEqual([]);
  });

  it('the command check fails on commands that do not exist (negative control)', () => {
    const wrong = nxCommands(
      'npx nx affected -t fmt test\nnpx nx run release:ship -- --version 1\nnpx nx run-many -t deploy -c qa\nnpx nx build no-such-service',
    ).map((command) => nxCommandProblem(graph, command));
    expect(wrong).toEqual([
      'no project has a "fmt" target',
      'release has no "ship" target',
      'no "deploy" target has configuration "qa"',
      'no project "no-such-service"',
    ]);
  });

  it('ci runs against the last successful main with full history', () => {
    const steps = workflow('ci.yml').jobs[0].steps;
    const uses = steps.map((step) => step.uses).filter(Boolean);
    expect(uses).toEqual(['actions/checkout@v4', 'actions/setup-node@v4', 'nrwl/nx-set-shas@v4']);
    expect(steps[0].with).toEqual({ 'fetch-depth': 0 });
    expect(steps[1].with).toEqual({ 'node-version': 20, cache: 'npm' });
    const order = steps.map((step) => step.uses ?? step.run ?? '');
    expect(order.findIndex((s) => s.startsWith('nrwl/nx-set-shas'))).toBeLessThan(order.findIndex((s) => s.startsWith('npx nx affected')));
  });

  it('release: staging, smoke test, then production behind the environment, then the desktop update', () => {
    const jobs = Object.fromEntries(workflow('release.yml').jobs.map((job) => [job.id, job]));
    expect(jobs['deploy-staging'].needs).toEqual(['build']);
    expect(jobs['deploy-production'].needs).toEqual(['build', 'deploy-staging']);
    expect(jobs['deploy-production'].environment).toBe('production');
    expect(jobs['publish-desktop'].needs).toEqual(['build', 'deploy-production']);
    const staging = jobs['deploy-staging'].steps.map((step) => step.run ?? '');
    expect(staging.findIndex((run) => run.includes('smoke-cli.ts'))).toBeGreaterThan(staging.findIndex((run) => run.includes('deploy:release -c staging')));
    const build = jobs['build'].steps.map((step) => step.run ?? '').join('\n');
    for (const fragment of ['npx nx release version', 'sentry/cli@3.8.0 sourcemaps inject', 'sourcemaps upload --release', 'buildah login', 'buildah push', 'skopeo copy']) {
      expect(build).toContain(fragment);
    }
    expect(build.indexOf('sourcemaps inject')).toBeLessThan(build.indexOf('-t image'));
    expect(build.indexOf('deploy:base -c staging')).toBeLessThan(build.indexOf('--base="$BASE"'));
    expect(build).not.toContain('git describe');
  });

  it('every script file a workflow runs exists', () => {
    const files = workflows.flatMap((parsed) => scripts(parsed).flatMap((run) => [...run.matchAll(/(tools\/\S+\.(?:ts|mjs|js))/g)].map((m) => m[1])));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect([file, existsSync(join(workspaceRoot, file))]).toEqual([file, true]);
  });

  describe('staged desktop releases', () => {
    const source = (name: string) => parse(readFileSync(join(workspaceRoot, '.github/workflows', name), 'utf8'));
    const jobOf = (name: string, id: string) => workflow(name).jobs.find((job) => job.id === id)!;
    const runOf = (name: string, id: string, fragment: string) => jobOf(name, id).steps.map((step) => step.run ?? '').find((run) => run.includes(fragment))!;

    it('release publishes the desktop update at a staged percentage: an input defaulting to 10, also on a tag push', () => {
      const release = source('release.yml');
      expect(release.on.push.tags).toEqual(['v*']);
      expect(release.on.workflow_dispatch.inputs['desktop-staging-percentage']).toMatchObject({ type: 'number', default: 10 });
      expect(release.jobs['publish-desktop'].env.DESKTOP_STAGING_PERCENTAGE).toBe('${{ inputs.desktop-staging-percentage || 10 }}');
      const publish = runOf('release.yml', 'publish-desktop', 'release:publish');
      expect(publish).toContain('--staging "$DESKTOP_STAGING_PERCENTAGE"');
      expect(publish).toContain('--secondary-bucket "${{ vars.UPDATES_SECONDARY_BUCKET }}"');
      expect(publish).toContain('--secondary-region "${{ vars.UPDATES_SECONDARY_REGION }}"');
    });

    it('a separate, manually dispatched job promotes (50, 100) or halts the rollout on both buckets, behind the production environment', () => {
      const rollout = source('desktop-rollout.yml');
      expect(Object.keys(rollout.on)).toEqual(['workflow_dispatch']);
      expect(rollout.on.workflow_dispatch.inputs.action).toMatchObject({ type: 'choice', options: ['promote-50', 'promote-100', 'halt'] });
      expect(rollout.concurrency.group).toBe(source('release.yml').concurrency.group);
      expect(jobOf('desktop-rollout.yml', 'rollout').environment).toBe('production');
      const command = runOf('desktop-rollout.yml', 'rollout', 'release:rollout');
      for (const fragment of ['--percent "$ROLLOUT_PERCENT"', '--secondary-bucket', '--distribution-id']) expect(command).toContain(fragment);
    });

    it('the rollout step maps each action to its percentage, and refuses an unknown one (the step run in bash)', () => {
      const script = runOf('desktop-rollout.yml', 'rollout', 'case "$ROLLOUT_ACTION"');
      const dir = mkdtempSync(join(tmpdir(), 'factsway-rollout-step-'));
      try {
        const run = (action: string) => {
          const githubEnv = join(dir, `${action}.env`);
          try {
            execFileSync('bash', ['-e', '-c', script], { env: { PATH: process.env['PATH'], ROLLOUT_ACTION: action, GITHUB_ENV: githubEnv }, stdio: 'pipe' });
          } catch {
            return 'refused';
          }
          return readFileSync(githubEnv, 'utf8').trim();
        };
        expect(['promote-50', 'promote-100', 'halt', 'promote-75'].map(run)).toEqual([
          'ROLLOUT_PERCENT=50',
          'ROLLOUT_PERCENT=100',
          'ROLLOUT_PERCENT=0',
          'refused',
        ]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
