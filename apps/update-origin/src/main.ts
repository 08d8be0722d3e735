// Standalone local update origin: `npx nx run update-origin:serve`. `npm start` runs the
// same two functions from the local platform runner.
import { findWorkspaceRoot } from '@factsway/dev-support';
import { platform } from '@factsway/service-catalog';
import { join } from 'node:path';
import { localUpdateBucket, startLocalBucket } from '@factsway/release';
import { startUpdateOrigin } from './lib/start-update-origin';

async function main(): Promise<void> {
  const bucket = await startLocalBucket({ directory: join(findWorkspaceRoot(), localUpdateBucket.directory) });
  const origin = await startUpdateOrigin({ bucket: bucket.target, port: platform.localPorts.updateOrigin });
  process.stdout.write(`update origin ${origin.url} (bucket ${bucket.target.bucket} at ${bucket.endpoint})\n`);
  const stop = async () => {
    await origin.close();
    await bucket.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  process.stderr.write(`update origin failed to start: ${(error as Error).stack}\n`);
  process.exit(1);
});
