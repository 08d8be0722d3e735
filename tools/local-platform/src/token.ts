// `npm run -s token -- --tenant firm-a` (or `npx nx run local-platform:token -- --tenant firm-a`): prints an access token of the running
// local platform's issuer, for `curl -H "Authorization: Bearer $TOKEN" ...`.
import { platform } from '@factsway/service-catalog';
import { parseArgs } from 'node:util';
import { requestToken } from './lib/request-token';

const usage = `usage: npm run -s token -- --tenant <firm-a|firm-b> [--user <email>] [--issuer <url>]
  --tenant  the firm whose data the token may read and change
  --user    one of the firm's demo users (default: its first)
  --issuer  the local issuer's URL (default http://127.0.0.1:${platform.localPorts.issuer}; npm start prints it)`;

async function main(): Promise<void> {
  let values: { tenant?: string; user?: string; issuer?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { tenant: { type: 'string' }, user: { type: 'string' }, issuer: { type: 'string' }, help: { type: 'boolean' } },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}\n`);
    process.exit(2);
  }
  if (values.help || !values.tenant) {
    process.stderr.write(`${usage}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const issuer = values.issuer ?? `http://127.0.0.1:${platform.localPorts.issuer}`;
  try {
    process.stdout.write(`${await requestToken(issuer, values.tenant, values.user)}\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}

void main();
