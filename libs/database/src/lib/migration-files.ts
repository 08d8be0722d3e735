import { readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

const migrationExtensions = ['.ts', '.js', '.cjs', '.mjs', '.sql'];

export interface MigrationFile {
  /** What node-pg-migrate records: the file name without extension. */
  name: string;
  path: string;
}

/** Migration files in run order (node-pg-migrate sorts by name; names start with a timestamp). */
export function listMigrationFiles(dir: string): MigrationFile[] {
  return readdirSync(dir)
    .filter((file) => !file.startsWith('.') && migrationExtensions.includes(extname(file)))
    .sort()
    .map((file) => ({ name: basename(file, extname(file)), path: join(dir, file) }));
}
