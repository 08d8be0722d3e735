import { ConfigError } from '../config/config-error';
import { createService, type CreateServiceOptions, type RunningService } from './create-service';
import { runBeforeExitHooks } from './exit-hooks';

export type RunServiceOptions<Name extends string = string, RequiresDatabase extends boolean | undefined = undefined> = CreateServiceOptions<
  Name,
  RequiresDatabase
>;

/**
 * The `main.ts` entry: validates config (prints the problem and exits 1 when it is wrong),
 * listens on PORT, and on SIGTERM/SIGINT drains, runs the before-exit hooks (e.g. sends queued
 * error reports) and exits 0. A second signal exits at once.
 */
export async function runService<Name extends string, RequiresDatabase extends boolean | undefined = undefined>(
  options: RunServiceOptions<Name, RequiresDatabase>,
): Promise<RunningService> {
  let service;
  try {
    service = createService(options);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const { logger } = service.context;
  let running: RunningService;
  try {
    running = await service.listen();
  } catch (error) {
    logger.fatal({ err: error }, `cannot listen on ${service.context.config.host}:${service.context.config.port}`);
    process.stderr.write(`${service.context.config.serviceId}: cannot listen: ${(error as Error).message}\n`);
    process.exit(1);
  }

  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal during shutdown: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'signal received');
    running
      .close()
      .then(() => runBeforeExitHooks())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return running;
}
