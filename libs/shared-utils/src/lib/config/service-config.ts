import { getService, peerUrlVariable, serviceId, type ServiceDefinition } from '@factsway/service-catalog';
import { valid as validSemver } from 'semver';
import { z } from 'zod';
import { authConfigFrom, authConfigShape, type AuthConfig } from '../auth/auth-config';
import { embeddedBuildVersion } from './build-version';
import { ConfigError } from './config-error';

export const deploymentEnvironments = ['local', 'staging', 'production'] as const;
export type DeploymentEnv = (typeof deploymentEnvironments)[number];

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** Everything a service reads from its environment, validated. */
export interface ServiceConfig {
  /** Catalog short name, e.g. `records`. */
  name: string;
  /** `records-service`: log `service` field, metric `service` label, `/health` service. */
  serviceId: string;
  definition: ServiceDefinition;
  deploymentEnv: DeploymentEnv;
  port: number;
  /** Interface to bind: `HOST`, else 127.0.0.1 locally and 0.0.0.0 in staging/production. */
  host: string;
  appVersion: string;
  /** Set when the service owns tables (required then), otherwise only if given. */
  databaseUrl?: string;
  logLevel: LogLevel;
  sentryDsn?: string;
  /** Base URL (no trailing slash) of each catalog peer, keyed by short name. */
  peerUrls: Record<string, string>;
  /** The token issuer every /api route trusts. */
  auth: AuthConfig;
}

export interface LoadConfigOptions {
  /** Default: the service owns tables in the catalog. */
  requiresDatabase?: boolean;
}

const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value);

function urlWithProtocols(protocols: string[], description: string) {
  return z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be ${description}` },
  );
}

const httpUrl = urlWithProtocols(['http:', 'https:'], 'an http(s) URL, e.g. http://127.0.0.1:3001');
const postgresUrl = urlWithProtocols(
  ['postgres:', 'postgresql:'],
  'a postgres:// URL, e.g. postgres://user:pass@127.0.0.1:5433/factsway',
);

function configSchema(definition: ServiceDefinition, requiresDatabase: boolean) {
  const id = serviceId(definition.name);
  const peerShape: Record<string, z.ZodType<string>> = {};
  for (const peer of definition.peers) {
    peerShape[peerUrlVariable(peer)] = z.preprocess(
      emptyAsUnset,
      z.string({ message: `is required (base URL of the ${peer} service, a catalog peer of ${id})` }).pipe(httpUrl),
    );
  }
  const databaseUrl = z.string({
    message: `is required (${id} owns tables ${definition.tables.join(', ')})`,
  });
  return z.object({
    DEPLOYMENT_ENV: z.preprocess(
      emptyAsUnset,
      z.enum(deploymentEnvironments, { message: `must be one of ${deploymentEnvironments.join(', ')}` }).default('local'),
    ),
    PORT: z.preprocess(
      emptyAsUnset,
      z
        .string()
        .regex(/^\d{1,5}$/, { message: 'must be a TCP port number (0-65535)' })
        .transform(Number)
        .refine((n) => n <= 65535, { message: 'must be a TCP port number (0-65535)' })
        .default(definition.port),
    ),
    HOST: z.preprocess(emptyAsUnset, z.string().regex(/^[\w.:-]+$/, { message: 'must be a host name or IP address' }).optional()),
    SERVICE_NAME: z.preprocess(
      emptyAsUnset,
      z.literal(id, { message: `must be "${id}" when set (this process runs ${id})` }).optional(),
    ),
    APP_VERSION: z.preprocess(
      (value) => emptyAsUnset(value) ?? embeddedBuildVersion(),
      z
        .string({
          message:
            'is required: set APP_VERSION or build with esbuild define process.env.FACTSWAY_BUILD_VERSION',
        })
        .refine((v) => validSemver(v) !== null, { message: 'must be a semantic version, e.g. 1.4.0' }),
    ),
    DATABASE_URL: z.preprocess(
      emptyAsUnset,
      requiresDatabase ? databaseUrl.pipe(postgresUrl) : postgresUrl.optional(),
    ),
    LOG_LEVEL: z.preprocess(
      emptyAsUnset,
      z.enum(logLevels, { message: `must be one of ${logLevels.join(', ')}` }).default('info'),
    ),
    SENTRY_DSN: z.preprocess(emptyAsUnset, httpUrl.optional()),
    ...authConfigShape,
    ...peerShape,
  });
}

/**
 * Reads and validates the environment for catalog service `name`.
 * Throws a ConfigError naming every missing or malformed variable.
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  name: string,
  options: LoadConfigOptions = {},
): ServiceConfig {
  const definition = getService(name);
  const id = serviceId(definition.name);
  const requiresDatabase = options.requiresDatabase ?? definition.tables.length > 0;
  const parsed = configSchema(definition, requiresDatabase).safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      id,
      parsed.error.issues.map((issue) => ({ variable: String(issue.path[0]), message: issue.message })),
    );
  }
  const values = parsed.data as Record<string, unknown> & z.infer<ReturnType<typeof configSchema>>;
  const peerUrls: Record<string, string> = {};
  for (const peer of definition.peers) {
    peerUrls[peer] = String(values[peerUrlVariable(peer)]).replace(/\/+$/, '');
  }
  return {
    name: definition.name,
    serviceId: id,
    definition,
    deploymentEnv: values.DEPLOYMENT_ENV,
    port: values.PORT,
    host: values.HOST ?? (values.DEPLOYMENT_ENV === 'local' ? '127.0.0.1' : '0.0.0.0'),
    appVersion: values.APP_VERSION,
    databaseUrl: values.DATABASE_URL,
    logLevel: values.LOG_LEVEL,
    sentryDsn: values.SENTRY_DSN,
    peerUrls,
    auth: authConfigFrom(values),
  };
}
