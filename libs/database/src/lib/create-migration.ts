import { defaultMigrationsDir } from '@factsway/dev-support';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const template = `import type { MigrationBuilder } from 'node-pg-migrate';

// Expand/contract: the previous release must keep working on the schema this leaves.
// Add columns as nullable or with defaults; drop or rename only in a later release,
// in a file that says "// contract: <why>" (the migrations tests check this).

export async function up(pgm: MigrationBuilder): Promise<void> {
}

export async function down(pgm: MigrationBuilder): Promise<void> {
}
`;

/** Writes `<dir>/<UTC timestamp>_<name>.ts` from the house template and returns its path. */
export function createMigrationFile(name: string, dir = defaultMigrationsDir(), now = new Date()): string {
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(name)) {
    throw new Error(`migration name "${name}" must be lower-case letters, digits, "-" or "_"`);
  }
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 17);
  const path = join(dir, `${stamp}_${name.replace(/-/g, '_')}.ts`);
  if (existsSync(path)) throw new Error(`${path} already exists`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path, template);
  return path;
}
