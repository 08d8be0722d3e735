import { execFileSync } from 'node:child_process';

/** What one service runs in the environment: its version and the source revision its image was built from. */
export interface RunningRevision {
  service: string;
  version: string | undefined;
  revision: string | undefined;
}

export type BaseOutcome = { ok: true; revision: string } | { ok: false; reason: string };

/**
 * The `--base` for `nx affected` against what an environment runs: the newest commit that is an
 * ancestor of every running image's revision (`git merge-base --octopus`). Images re-tagged at a
 * later release keep the revision they were built from, so the oldest one bounds what changed.
 */
export function environmentBase(running: readonly RunningRevision[], workspaceRoot: string): BaseOutcome {
  const missing = running.filter((entry) => !entry.version || !entry.revision || entry.revision === 'unknown');
  if (missing.length) {
    return {
      ok: false,
      reason: `no source revision for ${missing.map((entry) => `${entry.service} (${entry.version ?? 'not deployed'})`).join(', ')}: deploy everything first (npx nx run-many -t deploy)`,
    };
  }
  const revisions = [...new Set(running.map((entry) => entry.revision as string))];
  if (revisions.length === 1) return { ok: true, revision: revisions[0] };
  try {
    const base = execFileSync('git', ['merge-base', '--octopus', ...revisions], { cwd: workspaceRoot, encoding: 'utf8' }).trim();
    return { ok: true, revision: base };
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    return { ok: false, reason: `git merge-base of ${revisions.join(' ')} failed${stderr ? `: ${stderr}` : ''}` };
  }
}
