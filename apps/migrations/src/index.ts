/** The migrations command line, for whatever runs it in-process (the migrations image's entry). */
export { runMigrationsCli } from './migrations-cli';
