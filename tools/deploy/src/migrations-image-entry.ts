// Entry point of the migrations image: the migrations CLI with the compiled migrations that
// sit next to the bundle, and `up` when the Job gives no arguments.
import { join } from 'node:path';

process.env['MIGRATIONS_DIR'] ??= join(__dirname, 'migrations');
if (process.argv.length <= 2) process.argv.push('up');
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../../../apps/migrations/src/cli');
