// The layers of docs/architecture.md are enforced by ESLint's module-boundary rule. These cases
// lint small sources as if they were files of real projects, so a change to the tags or to
// eslint.config.mjs that would let a wrong-way import through fails here.
// ESLint runs as its own process: its configuration is an ES module, which jest's CommonJS realm cannot load.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const workspaceRoot = join(__dirname, '..', '..', '..');

interface LintMessage {
  ruleId: string | null;
  message: string;
}

function boundaryErrors(importingFile: string, importedModule: string): string[] {
  const source = `import * as imported from '${importedModule}';\nexport const used = imported;\n`;
  const eslint = spawnSync(
    process.execPath,
    [require.resolve('eslint/bin/eslint.js'), '--format', 'json', '--stdin', '--stdin-filename', importingFile],
    { cwd: workspaceRoot, input: source, encoding: 'utf8' },
  );
  if (!eslint.stdout) throw new Error(`eslint printed nothing (exit ${eslint.status}): ${eslint.stderr}`);
  const [result] = JSON.parse(eslint.stdout) as { messages: LintMessage[] }[];
  return result.messages.filter((message) => message.ruleId === '@nx/enforce-module-boundaries').map((message) => message.message);
}

describe('module boundaries (eslint.config.mjs)', () => {
  it.each([
    ['an app imports a tool', 'apps/update-origin/src/layer-fixture.ts', '@factsway/sentry-sink', /type:app.*type:lib/],
    ['a service imports a tool', 'apps/records-service/src/layer-fixture.ts', '@factsway/release', /type:app.*type:lib/],
    ['infra imports a tool', 'infra/cloudfront/src/layer-fixture.ts', '@factsway/release', /type:infra.*type:lib/],
    ['a lib imports infra', 'libs/document-model/src/layer-fixture.ts', '@factsway/monitoring', /type:lib.*type:lib/],
    ['a lib imports an app', 'libs/document-model/src/layer-fixture.ts', '@factsway/update-origin', /type:lib.*type:lib/],
    ['a service imports another service by path', 'apps/facts-service/src/layer-fixture.ts', '../../records-service/src/app/routes', /relative or absolute path/],
  ])('rejects it when %s', (_case, importingFile, importedModule, expected) => {
    const errors = boundaryErrors(importingFile, importedModule);
    expect(errors).toEqual([expect.stringMatching(expected)]);
  });

  it.each([
    ['an app imports a lib', 'apps/records-service/src/layer-fixture.ts', '@factsway/shared-utils'],
    ['infra imports the catalog', 'infra/kubernetes/src/layer-fixture.ts', '@factsway/service-catalog'],
    ['a tool imports infra', 'tools/deploy/src/layer-fixture.ts', '@factsway/kubernetes'],
    ['a tool imports an app entry', 'tools/local-platform/src/layer-fixture.ts', '@factsway/update-origin'],
  ])('allows it when %s', (_case, importingFile, importedModule) => {
    expect(boundaryErrors(importingFile, importedModule)).toEqual([]);
  });
});
