import { platform } from './platform';
import type { DeploymentEnvironment } from './service-definition';

/** AUTH_ISSUER, AUTH_AUDIENCE and AUTH_JWKS_URL of every service in `environment` (locally: the local issuer). */
export function authEnvironment(environment: DeploymentEnvironment): Record<'AUTH_ISSUER' | 'AUTH_AUDIENCE' | 'AUTH_JWKS_URL', string> {
  const issuer = environment === 'local' ? `http://127.0.0.1:${platform.localPorts.issuer}` : platform.auth.issuers[environment];
  return { AUTH_ISSUER: issuer, AUTH_AUDIENCE: platform.auth.audience, AUTH_JWKS_URL: `${issuer}${platform.auth.jwksPath}` };
}
