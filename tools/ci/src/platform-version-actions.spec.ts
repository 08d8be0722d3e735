import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { workspaceRoot } from '@nx/devkit';
import { inc } from 'semver';

describe('nx release version for the fixed platform group (PlatformVersionActions)', () => {
  it('--dry-run versions every group member from the root package.json and writes nothing', () => {
    const manifest = join(workspaceRoot, 'package.json');
    const before = readFileSync(manifest, 'utf8');
    const current = (JSON.parse(before) as { version: string }).version;
    const next = inc(current, 'patch')!;
    const output = execFileSync('npx', ['nx', 'release', 'version', next, '--dry-run'], {
      cwd: workspaceRoot,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0' },
    });
    for (const project of ['records-service', 'caselaw-service', 'migrations']) {
      expect(output).toContain(`${project} 📄 Resolved the current version as ${current} from manifest: package.json`);
    }
    expect(output).toContain(`Platform version ${current} -> ${next} in package.json`);
    expect(output).toContain(`+   "version": "${next}",`);
    expect(readFileSync(manifest, 'utf8')).toBe(before);
  }, 240_000);
});
