import { basename } from 'node:path';

/** What the migrations CLI (apps/migrations, via libs/database `MigrationError`) printed. */
export interface MigrationLog {
  applied: string[];
  failedMigration?: string;
  message?: string;
}

export function readMigrationLog(output: string): MigrationLog {
  const applied = [...output.matchAll(/^applied (\S+)$/gm)].map((match) => match[1]);
  const failed = /migration (\S+) failed: (.*)$/m.exec(output);
  if (!failed) return { applied };
  return { applied, failedMigration: basename(failed[1]).replace(/\.[cm]?[jt]s$/, ''), message: failed[2] };
}
