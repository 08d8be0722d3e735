import { startUpdateOrigin } from '@factsway/update-origin';
import { localUpdateBucket, startLocalBucket } from '@factsway/update-path';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import pino from 'pino';
import { PlatformComponent } from '../platform-component';

/** The desktop app's update origin (latest.yml and installers) over a local S3 bucket. */
export const updateOriginComponent: PlatformComponent = {
  name: 'update origin',
  async start(context) {
    const logStream = createWriteStream(join(context.logsDir, 'update-origin.log'), { flags: 'a' });
    const logger = pino({ level: context.logLevel, base: { service: 'update-origin' } }, logStream);
    const bucket = await startLocalBucket({
      directory: join(context.dataDir, 'updates'),
      port: context.ports.updateBucket,
    });
    try {
      const origin = await startUpdateOrigin({ bucket: bucket.target, port: context.ports.updateOrigin, logger });
      return {
        endpoints: [{ name: 'update-origin', url: origin.url, status: `ready (bucket ${localUpdateBucket.bucket} at ${bucket.endpoint})` }],
        pids: () => [],
        stop: async () => {
          await origin.close();
          await bucket.close();
          logStream.end();
          await once(logStream, 'close');
        },
      };
    } catch (error) {
      await bucket.close();
      throw error;
    }
  },
};
