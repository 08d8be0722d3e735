// `npm start` (nx run local-platform:start): the whole platform on this machine until Ctrl-C.
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PlatformStartError, startLocalPlatform } from './lib/start-local-platform';
import { statusTable } from './lib/status-table';

const say = (line: string) => process.stdout.write(`[local-platform] ${line}\n`);

const usage = `usage: npm start [-- --data-dir <dir>] [--free-ports] [--log-level <level>]
  --data-dir    where the database, logs and update bucket live (default .local)
  --free-ports  let the OS pick every port instead of the catalog's (a second, scratch platform)
  --log-level   the services' LOG_LEVEL (default: $LOG_LEVEL or info)`;

function readArguments() {
  try {
    return parseArgs({
      options: {
        'data-dir': { type: 'string' },
        'free-ports': { type: 'boolean', default: false },
        'log-level': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}\n`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const args = readArguments();
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const interrupted = new AbortController();
  let platform: Awaited<ReturnType<typeof startLocalPlatform>> | undefined;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      say(`${signal} again: exiting now`);
      process.exit(130);
    }
    stopping = true;
    if (!platform) {
      say(`${signal}: stopping what has started`);
      interrupted.abort(new Error(`interrupted by ${signal}`));
      return;
    }
    say(`${signal}: stopping the services, the update origin and PostgreSQL`);
    platform.stop().then(
      () => {
        say('stopped');
        process.exit(0);
      },
      (error: Error) => {
        say(`stopping failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  say('starting PostgreSQL, migrations, services and the update origin');
  try {
    platform = await startLocalPlatform({
      dataDir: args['data-dir'] ? resolve(args['data-dir']) : undefined,
      ports: args['free-ports'] ? 'free' : 'catalog',
      logLevel: args['log-level'] || process.env['LOG_LEVEL'] || 'info',
      report: say,
      signal: interrupted.signal,
    });
  } catch (error) {
    const what = error instanceof PlatformStartError ? `${error.component} failed: ${error.reason}` : (error as Error).stack;
    say(`the platform did not come up: ${what}`);
    process.exit(stopping ? 130 : 1);
  }
  process.stdout.write(`\n${statusTable(platform.endpoints)}\n\n`);
  say(
    `FACTSWAY ${platform.version}: all ${platform.services.length} services ready in ${(platform.startedInMs / 1000).toFixed(1)} s. ` +
      `Logs: ${relative(process.cwd(), platform.logsDir)}/. Ctrl-C stops everything.`,
  );
  const issuer = platform.endpoints.find((e) => e.name === 'token-issuer')?.url;
  say(
    `Every /api route needs a token. Get one for a demo firm (firm-a or firm-b) and call a service:\n` +
      `  TOKEN=$(npm run -s token -- --tenant firm-a --issuer ${issuer})\n` +
      `  curl -H "Authorization: Bearer $TOKEN" ${platform.services[0]?.url}/api/cases`,
  );
  if (stopping) {
    // A signal arrived just as the last component came up.
    stopping = false;
    onSignal('SIGINT');
  }
}

void main();
