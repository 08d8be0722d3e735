// A local token issuer for the bench: prints its AUTH_* environment and one token as a JSON line,
// then serves the JWKS the createService variants verify every request against.
import { startLocalIssuer } from '../../src';

void (async () => {
  const issuer = await startLocalIssuer();
  const token = await issuer.mint({ tenant: 'bench-firm' });
  process.stdout.write(`${JSON.stringify({ env: issuer.env, token })}\n`);
})();
