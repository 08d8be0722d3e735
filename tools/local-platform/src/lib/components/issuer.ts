import { platform } from '@factsway/service-catalog';
import { startLocalIssuer } from '@factsway/shared-utils';
import { PlatformComponent } from '../platform-component';

/** The two demo firms and their users: a token of one firm never reads the other's data. */
export const demoAccounts = {
  'firm-a': ['alice@firm-a.example', 'arthur@firm-a.example'],
  'firm-b': ['bob@firm-b.example', 'beatrice@firm-b.example'],
} as const;

/**
 * The local token issuer (in this process): OpenID discovery, a JWKS over HTTP and ES256 access
 * tokens for the demo accounts (`POST /token`). Starts before the services so that they get
 * AUTH_ISSUER, AUTH_AUDIENCE and AUTH_JWKS_URL in `context.serviceEnv`.
 */
export const issuerComponent: PlatformComponent = {
  name: 'token issuer',
  async start(context) {
    const issuer = await startLocalIssuer({ port: context.ports.issuer, audience: platform.auth.audience, demoAccounts });
    Object.assign(context.serviceEnv, issuer.env);
    return {
      endpoints: [{ name: 'token-issuer', url: issuer.issuer, status: `ready (a token: npm run -s token -- --tenant firm-a --issuer ${issuer.issuer})` }],
      pids: () => [],
      stop: () => issuer.close(),
    };
  },
};
