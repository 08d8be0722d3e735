import { platformVersion } from '@factsway/service-catalog';
import { createService, type CreateServiceOptions, type RunningService } from '@factsway/shared-utils';
import { testIssuer } from './test-issuer';

/** The environment of a test service: platform version, silent logs, trusting the test issuer; `env` overrides. */
export async function testServiceEnv(env: Record<string, string | undefined> = {}): Promise<Record<string, string | undefined>> {
  return { APP_VERSION: platformVersion(), LOG_LEVEL: 'silent', ...(await testIssuer()).env, ...env };
}

/** A service built from `options`, listening on a free port of 127.0.0.1, silent, at the platform version, trusting the test issuer. */
export async function startTestService<Name extends string, RequiresDatabase extends boolean | undefined = undefined>(
  options: CreateServiceOptions<Name, RequiresDatabase>,
): Promise<RunningService> {
  return createService({ ...options, env: await testServiceEnv(options.env) }).listen(0);
}
