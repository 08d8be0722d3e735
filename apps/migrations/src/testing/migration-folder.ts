import { defaultMigrationsDir } from '@factsway/dev-support';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { listMigrationFiles } from '@factsway/database';

/** A temp folder holding copies of the real migrations, for tests that add files to it. */
export function copyOfRealMigrations(): { dir: string; add(name: string, source: string): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'factsway-migrations-'));
  for (const file of listMigrationFiles(defaultMigrationsDir())) copyFileSync(file.path, join(dir, basename(file.path)));
  return {
    dir,
    add(name, source) {
      const path = join(dir, name);
      writeFileSync(path, source);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
