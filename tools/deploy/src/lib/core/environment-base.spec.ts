import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { environmentBase } from './environment-base';

let repo: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
function commit(file: string): string {
  writeFileSync(join(repo, file), file);
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', file);
  return git('rev-parse', 'HEAD');
}

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'environment-base-'));
  git('init', '-q');
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('environmentBase', () => {
  it('is the one revision every image was built from', () => {
    const a = commit('a');
    const running = ['records-service', 'facts-service'].map((service) => ({ service, version: '1.0.0', revision: a }));
    expect(environmentBase(running, repo)).toEqual({ ok: true, revision: a });
  });

  it('is the oldest revision when unaffected images were re-tagged at a later release', () => {
    const a = commit('a');
    const b = commit('b');
    const running = [
      { service: 'records-service', version: '1.1.0', revision: a },
      { service: 'signature-service', version: '1.1.0', revision: b },
    ];
    expect(environmentBase(running, repo)).toEqual({ ok: true, revision: a });
  });

  it('names the services with nothing deployed', () => {
    const a = commit('a');
    const outcome = environmentBase(
      [
        { service: 'records-service', version: '1.0.0', revision: a },
        { service: 'facts-service', version: undefined, revision: undefined },
      ],
      repo,
    );
    expect(outcome).toEqual({ ok: false, reason: expect.stringContaining('facts-service (not deployed)') });
  });
});
