import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** What the bench runs besides Node, keyed by the file each Debian package provides. */
const PACKAGES: Record<string, string> = { '/usr/bin/wrk': 'wrk', '/usr/sbin/nginx': 'nginx', '/usr/bin/taskset': 'util-linux' };

/**
 * Installs the load generator and the reference server when missing (as root, like
 * tools/scripts/setup.mjs), or stops with the command to run. Not part of setup: tests never need them.
 */
export function ensureDebianTools(log: (line: string) => void): void {
  const missing = [...new Set(Object.entries(PACKAGES).filter(([file]) => !existsSync(file)).map(([, name]) => name))];
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`The bench needs Debian packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`);
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  // The package starts a system nginx on port 80; the bench runs its own.
  spawnSync('sh', ['-c', 'command -v systemctl >/dev/null && systemctl disable --now nginx'], { stdio: 'ignore' });
}
