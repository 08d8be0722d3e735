// Entry point of the migrations image: the migrations CLI with the compiled migrations that
// sit next to the bundle, and `up` when the Job gives no arguments.
import { runMigrationsCli } from '@factsway/migrations';
import { join } from 'node:path';

process.env['MIGRATIONS_DIR'] ??= join(__dirname, 'migrations');
const args = process.argv.slice(2);
void runMigrationsCli(args.length > 0 ? args : ['up']).then((code) => process.exit(code));
