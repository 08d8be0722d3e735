import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
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
  return reference;
}
