import { runMigrationsCli } from './migrations-cli';

void runMigrationsCli(process.argv.slice(2)).then((code) => process.exit(code));
