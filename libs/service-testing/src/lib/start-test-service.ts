import { platformVersion } from '@factsway/service-catalog';
import { createService, type CreateServiceOptions, type RunningService } from '@factsway/shared-utils';

/** A service built from `options`, listening on a free port of 127.0.0.1, silent, at the platform version. */
export function startTestService<Name extends string, RequiresDatabase extends boolean | undefined = undefined>(
  options: CreateServiceOptions<Name, RequiresDatabase>,
): Promise<RunningService> {
  return createService({ ...options, env: { APP_VERSION: platformVersion(), LOG_LEVEL: 'silent', ...options.env } }).listen(0);
}
