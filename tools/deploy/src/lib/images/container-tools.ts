import { findWorkspaceRoot } from '@factsway/dev-support';
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Debian packages the image and local-engine tooling runs (installed by tools/scripts/setup.mjs). */
export const containerPackages = ['podman', 'buildah', 'skopeo', 'runc', 'catatonit'] as const;

/** Hard limits of this process, from /proc/self/limits ("Max open files", "Max processes"). */
export function hardLimits(limitsText = readFileSync('/proc/self/limits', 'utf8')): { nofile: number; nproc: number } {
  const hard = (label: string) => {
    const line = limitsText.split('\n').find((candidate) => candidate.startsWith(label));
    const value = line?.slice(label.length).trim().split(/\s+/)[1];
    return !value || value === 'unlimited' ? Number.POSITIVE_INFINITY : Number(value);
  };
  return { nofile: hard('Max open files'), nproc: hard('Max processes') };
}

/**
 * containers.conf for podman and buildah: runc as the runtime, cgroupfs, file events, and
 * explicit nofile/nproc ulimits no higher than this process's hard limits (podman's defaults
 * exceed them in sandboxes and `runc create` fails with "error setting rlimit type 7").
 */
export function renderContainersConf(limits = hardLimits()): string {
  const nofile = Math.min(4096, limits.nofile);
  const nproc = Math.min(2048, limits.nproc);
  return [
    '# Written by tools/deploy (containers-conf); CONTAINERS_CONF points here.',
    '[containers]',
    `default_ulimits = ["nofile=${nofile}:${nofile}", "nproc=${nproc}:${nproc}"]`,
    'log_driver = "k8s-file"',
    '',
    '[engine]',
    'runtime = "runc"',
    'cgroup_manager = "cgroupfs"',
    'events_logger = "file"',
    '',
  ].join('\n');
}

/** Writes `.local/containers/containers.conf` when its content changed; returns its path. */
export function ensureContainersConf(workspaceRoot = findWorkspaceRoot()): string {
  const dir = join(workspaceRoot, '.local', 'containers');
  const file = join(dir, 'containers.conf');
  const content = renderContainersConf();
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current !== content) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, content);
  }
  return file;
}

export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`${command} failed (exit ${exitCode}): ${stderr.trim().split('\n').slice(-5).join(' | ')}`);
  }
}

export interface ToolResult {
  stdout: string;
  stderr: string;
}

/** Runs podman/buildah/skopeo with CONTAINERS_CONF set; rejects with the tail of stderr. */
export function runTool(
  tool: 'podman' | 'buildah' | 'skopeo',
  args: readonly string[],
  options: { timeoutMs?: number; input?: string } = {},
): Promise<ToolResult> {
  const env = { ...process.env, CONTAINERS_CONF: ensureContainersConf() };
  return new Promise((resolve, reject) => {
    const child = execFile(
      tool,
      [...args],
      { env, maxBuffer: 64 * 1024 * 1024, timeout: options.timeoutMs ?? 300_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) {
          const code = typeof error.code === 'number' ? error.code : null;
          reject(new CommandError(`${tool} ${args.join(' ')}`, code, stderr || error.message));
        } else resolve({ stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** Stops with the install command when a tool is missing (the README test command installs them as root). */
export function assertContainerToolsInstalled(): void {
  const missing = containerPackages.filter((name) => {
    const probe = name === 'catatonit' ? 'test -x /usr/libexec/podman/catatonit' : `command -v ${name}`;
    try {
      execFileSync('sh', ['-c', probe], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length) {
    throw new Error(`missing ${missing.join(', ')}: run \`sudo apt-get install -y ${missing.join(' ')}\` (npm test does it as root)`);
  }
}
