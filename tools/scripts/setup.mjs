#!/usr/bin/env node
// Makes a fresh clone runnable: installs npm dependencies exactly as locked and the
// Debian packages that the tests and the local platform run for real.
// Idempotent and quick when everything is already there.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Debian packages, keyed by a command each one provides. */
const systemPackages = {
  prometheus: 'prometheus',
  promtool: 'prometheus',
  'prometheus-alertmanager': 'prometheus-alertmanager',
  amtool: 'prometheus-alertmanager',
  // Container images and the local deploy engine (tools/deploy): no daemon, no registry.
  podman: 'podman',
  buildah: 'buildah',
  skopeo: 'skopeo',
  runc: 'runc',
  '/usr/libexec/podman/catatonit': 'catatonit',
  // The synthetic probe of the desktop update path (infra/monitoring).
  'prometheus-blackbox-exporter': 'prometheus-blackbox-exporter',
  // The connection pooler between the services and PostgreSQL (infra/kubernetes, its budget test).
  pgbouncer: 'pgbouncer',
};

function log(message) {
  process.stdout.write(`[setup] ${message}\n`);
}

/** Written after `npm ci`: the sha256 of the package-lock.json it installed. */
const installedLockMarker = join(root, 'node_modules', '.factsway-installed-lock');

function lockHash() {
  return createHash('sha256').update(readFileSync(join(root, 'package-lock.json'))).digest('hex');
}

// By content, not by file times: a fresh clone's lock file is always newer than an install.
function npmInstallNeeded() {
  return !existsSync(installedLockMarker) || readFileSync(installedLockMarker, 'utf8').trim() !== lockHash();
}

/** A node_modules that is a link to another checkout's install is never reinstalled from here. */
function sharedInstall() {
  const modules = join(root, 'node_modules');
  return existsSync(modules) && lstatSync(modules).isSymbolicLink();
}

function hasCommand(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function ensureSystemPackages() {
  const missing = [...new Set(Object.entries(systemPackages).filter(([cmd]) => !hasCommand(cmd)).map(([, pkg]) => pkg))];
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    console.error(
      `[setup] Missing Debian packages: ${missing.join(' ')}.\n` +
        `[setup] Install them with: sudo apt-get install -y ${missing.join(' ')}  (then run this command again)`,
    );
    process.exit(1);
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

if (npmInstallNeeded()) {
  if (sharedInstall()) {
    log('node_modules links to another checkout whose install does not match this package-lock.json: run `npm ci` there');
    process.exit(1);
  }
  log('installing npm dependencies (npm ci)');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  writeFileSync(installedLockMarker, `${lockHash()}\n`);
}
ensureSystemPackages();
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
log(`ready: platform version ${version}`);
