/** A migration run that stopped; `file` is the migration that failed, when one did. */
export class MigrationError extends Error {
  constructor(
    message: string,
    readonly file: string | undefined,
    /** Migrations that completed (each in its own transaction) before the failure. */
    readonly completed: readonly string[],
  ) {
    super(file ? `migration ${file} failed: ${message}` : `migrations failed: ${message}`);
    this.name = 'MigrationError';
  }
}
