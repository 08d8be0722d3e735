export { ConfigError } from './lib/config/config-error';
export {
  loadConfig,
  deploymentEnvironments,
  logLevels,
  type DeploymentEnv,
  type LogLevel,
  type LoadConfigOptions,
  type ServiceConfig,
} from './lib/config/service-config';
export { embeddedBuildVersion } from './lib/config/build-version';

export { newId, ULID_PATTERN } from './lib/ids/new-id';

export {
  HttpError,
  badRequest,
  notFound,
  conflict,
  payloadTooLarge,
  unsupportedMediaType,
  unprocessable,
} from './lib/errors/http-error';
export type { ErrorBody } from './lib/errors/error-body';
export { classifyError, type ClassifiedError } from './lib/errors/classify-error';

export { parseBody, parseParams, parseQuery } from './lib/validation/parse-request';
export { validationError, type ValidationIssue } from './lib/validation/validation-error';
export {
  idParam,
  paginationQuery,
  ulidString,
  PAGINATION_DEFAULT_LIMIT,
  PAGINATION_MAX_LIMIT,
  type Pagination,
} from './lib/validation/common-schemas';

export { createLogger, flushLogger, type Logger, type CreateLoggerOptions } from './lib/logging/create-logger';
export { currentRequestId, requestContext, type RequestContext } from './lib/logging/request-context';
export { REQUEST_ID_HEADER, REQUEST_ID_MAX_LENGTH, resolveRequestId } from './lib/logging/request-id';

export { createServiceRegistry } from './lib/metrics/service-registry';
export { createHttpMetrics, UNMATCHED_ROUTE, type HttpMetrics } from './lib/metrics/http-metrics';
export {
  createDatabaseUnavailableMetric,
  DATABASE_UNAVAILABLE_METRIC,
  type DatabaseUnavailableMetric,
} from './lib/metrics/database-unavailable-metric';
export { latencyBuckets, BASE_LATENCY_BUCKETS } from './lib/metrics/latency-buckets';

export { DEFAULT_BODY_LIMIT } from './lib/http/json-body';
export { CLIENT_CLOSED_STATUS } from './lib/http/request-observer';
export { labelRoute } from './lib/http/route-template';

export {
  createPool,
  queryOperation,
  DATABASE_QUERY_BUCKETS,
  type PoolConfig,
  type CreatePoolOptions,
} from './lib/database/create-pool';
export { checkDatabase, READY_CHECK_TIMEOUT_MS } from './lib/database/check-database';
export { withTransaction } from './lib/database/with-transaction';
export { listPage, type ListQuery, type Page } from './lib/database/list-page';

export {
  createPeerClient,
  DEFAULT_PEER_TIMEOUT_MS,
  type PeerClient,
  type PeerRequestOptions,
  type PeerResponse,
} from './lib/peers/peer-client';
export { PeerFailedError, PeerUnavailableError } from './lib/peers/peer-errors';

export { createHttpCore, type HttpCore, type HttpCoreOptions } from './lib/http-core/create-http-core';
export { KEEP_ALIVE_TIMEOUT_MS, type RunningService } from './lib/http-core/listen-http-core';
export type { Readiness, ReadinessCheck } from './lib/health/readiness';
export { createService, type CreateServiceOptions, type Service } from './lib/service/create-service';
export { runService, type RunServiceOptions } from './lib/service/run-service';
export type {
  ServiceContext,
  DatabaseServiceContext,
  ServiceContextFor,
  RegisterRoutes,
  ErrorReportingHook,
} from './lib/service/service-context';
export { setDefaultErrorReporting } from './lib/service/error-reporting';
export { beforeServiceExit } from './lib/service/exit-hooks';
export { DRAIN_IDLE_GRACE_MS, SHUTDOWN_DRAIN_SECONDS } from './lib/service/graceful-shutdown';

export { type Caller, currentCaller, tenantOf } from './lib/auth/caller';
export { AuthError, type BearerErrorCode } from './lib/auth/auth-error';
export { type AuthConfig } from './lib/auth/auth-config';
export { authenticate, requiredScope, READ_SCOPE, WRITE_SCOPE, AUTH_REALM } from './lib/auth/authenticate';
export {
  createTokenVerifier,
  IssuerUnavailableError,
  ACCEPTED_ALGORITHMS,
  CLOCK_SKEW_SECONDS,
  TENANT_CLAIM,
  type TokenVerifier,
  type TokenVerifierOptions,
} from './lib/auth/token-verifier';
export {
  startLocalIssuer,
  LOCAL_AUDIENCE,
  ALL_SCOPES,
  type LocalIssuer,
  type LocalIssuerOptions,
  type MintOptions,
} from './lib/auth/local-issuer';
