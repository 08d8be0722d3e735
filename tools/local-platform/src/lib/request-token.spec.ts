import { closedPortUrl } from '@factsway/service-testing';
import { startLocalIssuer, type LocalIssuer } from '@factsway/shared-utils';
import { demoAccounts } from './components/issuer';
import { requestToken } from './request-token';

/** The claims of a JWT (its signature is the services' business, tested in shared-utils). */
const claims = (token: string): Record<string, unknown> => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());

describe('requestToken (what `npm run -s token` prints)', () => {
  let issuer: LocalIssuer;
  beforeAll(async () => {
    issuer = await startLocalIssuer({ demoAccounts });
  });
  afterAll(() => issuer.close());

  it("returns a token of the firm's first demo user, or of the user asked for", async () => {
    expect(claims(await requestToken(issuer.issuer, 'firm-b'))).toMatchObject({ iss: issuer.issuer, tenant: 'firm-b', sub: 'bob@firm-b.example' });
    expect(claims(await requestToken(issuer.issuer, 'firm-a', 'arthur@firm-a.example'))).toMatchObject({ tenant: 'firm-a', sub: 'arthur@firm-a.example' });
  });

  it("names the issuer's reason when it refuses, and says when nothing answers", async () => {
    await expect(requestToken(issuer.issuer, 'firm-z')).rejects.toThrow(`${issuer.issuer} refused: unknown tenant; demo tenants: firm-a, firm-b`);
    const nowhere = await closedPortUrl();
    await expect(requestToken(nowhere, 'firm-a')).rejects.toThrow(`no issuer at ${nowhere}`);
  });
});
