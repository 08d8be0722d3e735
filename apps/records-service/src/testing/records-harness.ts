import { startTestDatabase, type TestDatabaseOptions, type TestDatabase } from '@factsway/database';
import { createService, type RunningService } from '@factsway/shared-utils';
import { registerRoutes } from '../app/routes';
import { testServiceEnv, authorizedFetch } from '@factsway/service-testing';

/** Every request carries a valid token of the test firm unless it sets its own authorization. */
const fetch = authorizedFetch;

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** records-service on a free port, over a real embedded PostgreSQL with every migration applied. */
export class RecordsHarness {
  database!: TestDatabase;
  service!: RunningService;

  /** `pgbouncer`: reach the database through a real PgBouncer in transaction mode. */
  constructor(private readonly databaseOptions: Pick<TestDatabaseOptions, 'pgbouncer'> = {}) {}

  async start(): Promise<this> {
    this.database = await startTestDatabase({ migrate: true, ...this.databaseOptions });
    await this.startService();
    return this;
  }

  /** (Re)starts only the HTTP service; the database and its data stay. */
  async startService(): Promise<void> {
    this.service = await createService({
      name: 'records',
      routes: registerRoutes,
      env: await testServiceEnv({ DATABASE_URL: this.database.url }),
    }).listen(0);
  }

  async stop(): Promise<void> {
    await this.service?.close();
    await this.database?.stop();
  }

  /** A JSON request; `body` is sent as JSON unless it is a string (sent raw). */
  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const hasBody = body !== undefined;
    const response = await fetch(`${this.service.url}${path}`, {
      method,
      headers: hasBody ? { 'content-type': 'application/json', ...headers } : headers,
      body: hasBody ? (typeof body === 'string' ? body : JSON.stringify(body)) : undefined,
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }
}

/** A valid document JSON (see @factsway/document-model). */
export function sampleDocument(title = 'Motion to Dismiss', paragraph = 'Plaintiff fails to state a claim.') {
  return {
    title,
    sections: [
      {
        id: '01JAAAAAAAAAAAAAAAAAAAAAA1',
        heading: { text: 'Argument', level: 1 },
        paragraphs: [{ id: '01JAAAAAAAAAAAAAAAAAAAAAA2', text: paragraph }],
      },
    ],
  };
}

/** A ULID that no row has. */
export const unknownId = '01JZZZZZZZZZZZZZZZZZZZZZZZ';
