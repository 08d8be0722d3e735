import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findWorkspaceRoot } from './workspace-root';

describe('findWorkspaceRoot', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'workspace-root-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the nearest folder with nx.json at or above the start', () => {
    writeFileSync(join(dir, 'nx.json'), '{}');
    const nested = join(dir, 'libs', 'x', 'src');
    mkdirSync(nested, { recursive: true });
    expect(findWorkspaceRoot(nested)).toBe(dir);
    expect(findWorkspaceRoot(dir)).toBe(dir);
  });

  it('says where it started when no folder above has nx.json', () => {
    expect(() => findWorkspaceRoot(dir)).toThrow(`No nx.json above ${dir}`);
  });

  it('finds this repository from its own folder by default', () => {
    expect(findWorkspaceRoot()).toBe(join(__dirname, '..', '..', '..', '..'));
  });
});
