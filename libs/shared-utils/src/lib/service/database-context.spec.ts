import { Pool } from 'pg';
import { ConfigError } from '../config/config-error';
import { loadConfig } from '../config/service-config';
import { createService } from './create-service';
import type { DatabaseServiceContext, ServiceContext } from './service-context';

// Nothing listens there: a pool connects only on its first query, and these tests make none.
const env = {
  APP_VERSION: '1.2.3',
  LOG_LEVEL: 'silent',
  DATABASE_URL: 'postgres://u:p@127.0.0.1:9/none',
  AUTH_ISSUER: 'https://login.factsway.com',
  AUTH_AUDIENCE: 'https://api.factsway.com',
  AUTH_JWKS_URL: 'https://login.factsway.com/jwks',
};
const usesDatabase = (_router: unknown, { db }: DatabaseServiceContext) => void db.totalCount;

describe('the database in the service context', () => {
  it('is a Pool for a service that owns tables, by its name or its id', async () => {
    for (const name of ['records', 'records-service'] as const) {
      let received: Pool | undefined;
      const service = createService({ name, env, routes: (_router, { db }) => (received = db) });
      expect(received).toBeInstanceOf(Pool);
      await service.context.db?.end();
    }
  });

  it('is a Pool for a service without tables that sets requiresDatabase, and absent otherwise', async () => {
    const required = createService({ name: 'export', env, requiresDatabase: true, routes: usesDatabase });
    expect(required.context.db).toBeInstanceOf(Pool);
    await required.context.db?.end();
    expect(createService({ name: 'export', env, routes: (_router, context: ServiceContext) => void context }).context.db).toBeUndefined();
  });

  it('is typed: routes that need a Pool are refused where the service may have none', () => {
    const mayHaveNone = (requiresDatabase: boolean) => ({ name: 'records' as const, env, requiresDatabase, routes: usesDatabase });
    // @ts-expect-error export owns no tables
    expect(() => createService({ name: 'export', env, routes: usesDatabase })).toThrow(TypeError);
    // @ts-expect-error requiresDatabase may be false
    expect(() => createService(mayHaveNone(false))).toThrow(TypeError);
  });

  it('fails at start when a service that owns tables is given a config without DATABASE_URL', () => {
    const config = loadConfig({ ...env, DATABASE_URL: undefined }, 'records', { requiresDatabase: false });
    const start = () => createService({ name: 'records', config, routes: usesDatabase });
    expect(start).toThrow(ConfigError);
    expect(start).toThrow(/DATABASE_URL is required/);
  });
});
