import { platform } from '@factsway/service-catalog';

/** Credentials of every embedded server (local and tests); they only listen on 127.0.0.1. */
export const embeddedCredentials = { user: 'postgres', password: 'factsway' } as const;

export function embeddedDatabaseUrl(port: number, database: string = platform.databaseName): string {
  const { user, password } = embeddedCredentials;
  return `postgres://${user}:${password}@127.0.0.1:${port}/${database}`;
}
