import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contextDigest } from './context-digest';

let roots: string[] = [];
function stage(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'context-digest-'));
  roots.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}
afterEach(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
  roots = [];
});

describe('contextDigest', () => {
  const files = { 'app/main.js': 'console.log(1)', 'node_modules/pg/index.js': 'module.exports = {}' };

  it('is equal for the same files staged in different folders', () => {
    expect(contextDigest(stage(files), ['base@sha256:1'])).toBe(contextDigest(stage(files), ['base@sha256:1']));
  });

  it('changes with a file content, a file name, a mode, or the base image', () => {
    const digest = contextDigest(stage(files), ['base@sha256:1']);
    expect(contextDigest(stage({ ...files, 'app/main.js': 'console.log(2)' }), ['base@sha256:1'])).not.toBe(digest);
    expect(contextDigest(stage({ ...files, 'app/extra.js': '' }), ['base@sha256:1'])).not.toBe(digest);
    expect(contextDigest(stage(files), ['base@sha256:2'])).not.toBe(digest);
    const executable = stage(files);
    chmodSync(join(executable, 'app', 'main.js'), 0o755);
    expect(contextDigest(executable, ['base@sha256:1'])).not.toBe(digest);
  });

  it('does not change with the platform version a bundle embeds, only with its code', () => {
    const bundle = (version: string, code = 'serve()') => ({
      'app/main.js': `const v = ${JSON.stringify(version)} || void 0;\n${code};\n`,
      'app/main.js.map': JSON.stringify({ version: 3, sources: ['main.ts'], sourcesContent: [`${code}`], mappings: `AAAA,${version.length}` }),
    });
    const digestA = contextDigest(stage(bundle('0.9.0')), ['base'], '0.9.0');
    expect(contextDigest(stage(bundle('0.10.0')), ['base'], '0.10.0')).toBe(digestA);
    expect(contextDigest(stage(bundle('0.10.0', 'serveOther()')), ['base'], '0.10.0')).not.toBe(digestA);
    expect(contextDigest(stage(bundle('0.10.0')), ['base'])).not.toBe(contextDigest(stage(bundle('0.9.0')), ['base']));
  });
});
