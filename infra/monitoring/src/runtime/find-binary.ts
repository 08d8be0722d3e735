import { spawnSync } from 'node:child_process';

/** The first of `commands` on PATH (Debian names Alertmanager `prometheus-alertmanager`), or undefined. */
export function lookupBinary(...commands: string[]): string | undefined {
  for (const command of commands) {
    // process.env passed explicitly: it is the PATH of this (possibly test-sandboxed) process that counts.
    const found = spawnSync('/bin/sh', ['-c', `command -v ${command}`], { encoding: 'utf8', env: process.env });
    const path = found.stdout.trim();
    if (found.status === 0 && path) return path;
  }
  return undefined;
}

export function findBinary(...commands: string[]): string {
  const path = lookupBinary(...commands);
  if (!path) {
    throw new Error(
      `${commands.join(' / ')} is not installed. Install it with \`apt-get install -y prometheus prometheus-alertmanager\` ` +
        '(or run `node tools/scripts/setup.mjs` as root, which `npm test` and `npm start` do first).',
    );
  }
  return path;
}
