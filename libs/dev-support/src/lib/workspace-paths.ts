import { join } from 'node:path';
import { findWorkspaceRoot } from './workspace-root';

/** `apps/migrations/migrations`, or `MIGRATIONS_DIR` when set (e.g. inside a container image). */
export function defaultMigrationsDir(): string {
  return process.env['MIGRATIONS_DIR'] ?? join(findWorkspaceRoot(), 'apps', 'migrations', 'migrations');
}

/** `.local/postgres` at the workspace root (git-ignored): the local platform's database. */
export function localDatabaseDir(workspaceRoot = findWorkspaceRoot()): string {
  return join(workspaceRoot, '.local', 'postgres');
}
