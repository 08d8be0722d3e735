import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface WorkspaceCopy {
  root: string;
  /** Runs a command in the copy with a clean Nx environment; returns stdout + stderr (throws with them on failure). */
  run(command: string, args: string[], options?: { env?: Record<string, string>; timeoutMs?: number }): string;
  remove(): void;
}

/**
 * Copies the workspace's files (tracked and not ignored; no node_modules, dist, .nx or .git)
 * to a temporary folder, with node_modules symlinked, so a test can run generators and Nx
 * targets without touching the real checkout.
 */
export function copyWorkspace(workspaceRoot: string): WorkspaceCopy {
  const root = mkdtempSync(join(tmpdir(), 'factsway-workspace-'));
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: workspaceRoot,
    maxBuffer: 64 * 1024 * 1024,
  })
    .toString('utf8')
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    const source = join(workspaceRoot, file);
    if (!isFile(source)) continue; // deleted in the working tree, or a submodule
    mkdirSync(dirname(join(root, file)), { recursive: true });
    copyFileSync(source, join(root, file));
  }
  symlinkSync(join(workspaceRoot, 'node_modules'), join(root, 'node_modules'), 'dir');

  const env = cleanEnvironment();
  return {
    root,
    run(command, args, options = {}) {
      const result = spawnSync(command, args, {
        cwd: root,
        env: { ...env, ...options.env },
        timeout: options.timeoutMs ?? 180_000,
        maxBuffer: 64 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const output = `${result.stdout?.toString('utf8') ?? ''}${result.stderr?.toString('utf8') ?? ''}`;
      if (result.status !== 0) {
        const why = result.error?.message ?? (result.signal ? `killed by ${result.signal}` : `exit code ${result.status}`);
        throw new Error(`${command} ${args.join(' ')} failed in ${root} (${why}):\n${output}`);
      }
      return output;
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The outer `nx test` sets NX_* and jest variables that would make an inner Nx act on the real workspace. */
function cleanEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith('NX_') || key.startsWith('JEST_') || key === 'NODE_OPTIONS') continue;
    env[key] = value;
  }
  return { ...env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_SKIP_NX_CACHE: 'true', CI: 'true' };
}
