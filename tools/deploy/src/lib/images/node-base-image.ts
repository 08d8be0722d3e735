import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { serviceNodeBinary, serviceNodeVersion } from '@factsway/dev-support';
import { runTool } from './container-tools';
import { localBaseImage } from './image-names';

/** The non-root user every FACTSWAY image runs as (the manifests' runAsUser). */
export const IMAGE_UID = 10001;

/** Absolute paths of the shared libraries `ldd` lists for a binary. */
export function sharedLibraries(binary: string): string[] {
  const output = execFileSync('ldd', [binary], { encoding: 'utf8' });
  const paths = new Set<string>();
  for (const line of output.split('\n')) {
    const match = /(?:=>\s*)?(\/\S+)\s+\(0x/.exec(line);
    if (match) paths.add(match[1]);
  }
  return [...paths];
}

export async function imageExists(reference: string): Promise<boolean> {
  try {
    await runTool('podman', ['image', 'exists', reference]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds (once per node version) a base image from scratch holding only the services' pinned node
 * binary (serviceNodeBinary), the libraries `ldd` lists, a passwd entry for the app user and a world-writable
 * /tmp. Production builds pass a published base image instead (`--base-image`).
 */
export async function ensureLocalBaseImage(log: (line: string) => void = () => undefined): Promise<string> {
  const reference = localBaseImage(serviceNodeVersion());
  if (await imageExists(reference)) return reference;
  // `nx run-many -t image` on empty storage runs several image tasks at once: one builds the
  // base, the others wait for it. Two builds would leave images on two different base ids, and
  // the next release would find no image with their context digest and rebuild them.
  const release = await takeBaseImageLock(reference);
  try {
    if (await imageExists(reference)) return reference;
    await buildLocalBaseImage(reference, log);
  } finally {
    release();
  }
  return reference;
}

/** One lock per base image and container storage (CONTAINERS_STORAGE_CONF), held by a live process. */
async function takeBaseImageLock(reference: string, timeoutMs = 10 * 60_000): Promise<() => void> {
  const key = createHash('sha256').update(`${process.env['CONTAINERS_STORAGE_CONF'] ?? 'default storage'}\0${reference}`).digest('hex').slice(0, 16);
  const file = join(tmpdir(), `factsway-node-base-${key}.lock`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(file, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (!holderAlive(file)) {
      rmSync(file, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs / 1000}s for another process building ${reference} (lock ${file})`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function holderAlive(file: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(file, 'utf8'));
  } catch {
    return true; // just created, pid not written yet
  }
  if (!pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function buildLocalBaseImage(reference: string, log: (line: string) => void): Promise<void> {
  log(`building base image ${reference} from scratch (node ${serviceNodeVersion()} + ldd libraries)`);
  const container = (await runTool('buildah', ['from', 'scratch'])).stdout.trim();
  try {
    const root = (await runTool('buildah', ['mount', container])).stdout.trim();
    const place = (source: string, target = source) => {
      mkdirSync(join(root, dirname(target)), { recursive: true });
      copyFileSync(source, join(root, target));
    };
    place(serviceNodeBinary(), '/usr/local/bin/node');
    chmodSync(join(root, 'usr/local/bin/node'), 0o755);
    for (const library of sharedLibraries(serviceNodeBinary())) place(library);
    mkdirSync(join(root, 'etc'), { recursive: true });
    writeFileSync(join(root, 'etc/passwd'), `root:x:0:0:root:/root:/sbin/nologin\napp:x:${IMAGE_UID}:${IMAGE_UID}:app:/tmp:/sbin/nologin\n`);
    writeFileSync(join(root, 'etc/group'), `root:x:0:\napp:x:${IMAGE_UID}:\n`);
    mkdirSync(join(root, 'tmp'), { recursive: true });
    chmodSync(join(root, 'tmp'), 0o1777);
    await runTool('buildah', ['umount', container]);
    await runTool('buildah', [
      'config',
      '--env', 'PATH=/usr/local/bin',
      '--label', `org.opencontainers.image.description=node ${serviceNodeVersion()} and its shared libraries, from scratch`,
      container,
    ]);
    await runTool('buildah', ['commit', '--quiet', container, reference]);
  } finally {
    await runTool('buildah', ['rm', container]).catch(() => undefined);
  }
}
