import { createProjectGraphAsync, ProjectGraph, workspaceRoot } from '@nx/devkit';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { nxCommandProblem } from './nx-command-problems';
import { nxCommands } from './nx-commands';

interface ParsedWorkflow {
  file: string;
  errors: string[];
  converted: string[];
  jobs: { id: string; environment?: string; needs: string[]; steps: { uses?: string; run?: string; with?: Record<string, unknown> }[] }[];
}

const validator = join(__dirname, 'validate-workflow.mjs');
const workflowFiles = ['.github/workflows/ci.yml', '.github/workflows/release.yml'];

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
});
