import { ConfigError } from './config-error';
import { loadConfig } from './service-config';

const auth = {
  AUTH_ISSUER: 'https://login.factsway.com',
  AUTH_AUDIENCE: 'https://api.factsway.com',
  AUTH_JWKS_URL: 'https://login.factsway.com/jwks',
};

const valid = {
  ...auth,
  APP_VERSION: '0.1.0',
  DATABASE_URL: 'postgres://factsway:secret@127.0.0.1:5433/factsway',
  RECORDS_SERVICE_URL: 'http://127.0.0.1:3001/',
};

function problemsOf(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return Object.fromEntries((error as ConfigError).problems.map((p) => [p.variable, p.message]));
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  const saved = process.env.FACTSWAY_BUILD_VERSION;
  afterEach(() => {
    if (saved === undefined) delete process.env.FACTSWAY_BUILD_VERSION;
    else process.env.FACTSWAY_BUILD_VERSION = saved;
  });

  it('derives defaults from the catalog', () => {
    const config = loadConfig(valid, 'caseblock');
    expect(config).toMatchObject({
      name: 'caseblock',
      serviceId: 'caseblock-service',
      deploymentEnv: 'local',
      port: 3004,
      host: '127.0.0.1',
      appVersion: '0.1.0',
      databaseUrl: valid.DATABASE_URL,
      logLevel: 'info',
      peerUrls: { records: 'http://127.0.0.1:3001' },
    });
    expect(config.sentryDsn).toBeUndefined();
  });

  it('accepts the service id as the name and binds all interfaces outside local', () => {
    const config = loadConfig({ ...valid, DEPLOYMENT_ENV: 'production', PORT: '8080', LOG_LEVEL: 'warn' }, 'caseblock-service');
    expect(config).toMatchObject({ deploymentEnv: 'production', port: 8080, host: '0.0.0.0', logLevel: 'warn' });
    expect(loadConfig({ ...valid, DEPLOYMENT_ENV: 'staging', HOST: '127.0.0.1' }, 'caseblock').host).toBe('127.0.0.1');
  });

  it('requires DATABASE_URL only for services that own tables', () => {
    expect(problemsOf(() => loadConfig({ ...auth, APP_VERSION: '1.0.0' }, 'records'))).toEqual({
      DATABASE_URL: 'is required (records-service owns tables templates, cases, drafts, draft_versions)',
    });
    expect(loadConfig({ ...auth, APP_VERSION: '1.0.0' }, 'export').databaseUrl).toBeUndefined();
    expect(loadConfig({ ...auth, APP_VERSION: '1.0.0' }, 'records', { requiresDatabase: false }).databaseUrl).toBeUndefined();
  });

  it('requires a URL for every catalog peer', () => {
    const { RECORDS_SERVICE_URL: _omitted, ...withoutPeer } = valid;
    void _omitted;
    expect(problemsOf(() => loadConfig(withoutPeer, 'caseblock'))).toEqual({
      RECORDS_SERVICE_URL: 'is required (base URL of the records service, a catalog peer of caseblock-service)',
    });
    expect(problemsOf(() => loadConfig({ ...valid, RECORDS_SERVICE_URL: 'records:3001' }, 'caseblock'))).toHaveProperty(
      'RECORDS_SERVICE_URL',
    );
  });

  it('names every malformed variable at once', () => {
    const problems = problemsOf(() =>
      loadConfig(
        {
          ...valid,
          DEPLOYMENT_ENV: 'prod',
          PORT: '70000',
          LOG_LEVEL: 'loud',
          DATABASE_URL: 'mysql://x',
          SENTRY_DSN: 'not a url',
          SERVICE_NAME: 'records-service',
          APP_VERSION: 'latest',
        },
        'caseblock',
      ),
    );
    expect(Object.keys(problems).sort()).toEqual([
      'APP_VERSION',
      'DATABASE_URL',
      'DEPLOYMENT_ENV',
      'LOG_LEVEL',
      'PORT',
      'SENTRY_DSN',
      'SERVICE_NAME',
    ]);
    expect(problems['SERVICE_NAME']).toBe('must be "caseblock-service" when set (this process runs caseblock-service)');
    expect(problems['APP_VERSION']).toBe('must be a semantic version, e.g. 1.4.0');
  });

  it('puts the variable names in the error message', () => {
    expect(() => loadConfig({ ...valid, PORT: 'abc' }, 'caseblock')).toThrow(
      'Invalid configuration for caseblock-service: PORT must be a TCP port number (0-65535)',
    );
  });

  it('treats empty values as unset', () => {
    const config = loadConfig({ ...valid, PORT: '', SENTRY_DSN: '', LOG_LEVEL: '' }, 'caseblock');
    expect(config).toMatchObject({ port: 3004, logLevel: 'info', sentryDsn: undefined });
    expect(problemsOf(() => loadConfig({ ...valid, DATABASE_URL: '' }, 'caseblock'))).toHaveProperty('DATABASE_URL');
  });

  it('falls back to the build-time version, and APP_VERSION wins over it', () => {
    delete process.env.FACTSWAY_BUILD_VERSION;
    expect(problemsOf(() => loadConfig(auth, 'export'))['APP_VERSION']).toMatch(/^is required/);
    process.env.FACTSWAY_BUILD_VERSION = '2.0.0';
    expect(loadConfig(auth, 'export').appVersion).toBe('2.0.0');
    expect(loadConfig({ ...auth, APP_VERSION: '2.1.0' }, 'export').appVersion).toBe('2.1.0');
  });

  it('requires the token issuer, audience and key set URL', () => {
    expect(problemsOf(() => loadConfig({ APP_VERSION: '1.0.0' }, 'export'))).toEqual({
      AUTH_ISSUER: expect.stringMatching(/^is required/),
      AUTH_AUDIENCE: expect.stringMatching(/^is required/),
      AUTH_JWKS_URL: expect.stringMatching(/^is required/),
    });
    expect(problemsOf(() => loadConfig({ ...auth, APP_VERSION: '1.0.0', AUTH_JWKS_URL: 'login/jwks' }, 'export'))).toEqual({
      AUTH_JWKS_URL: 'must be an http(s) URL, e.g. https://login.factsway.com/jwks',
    });
    expect(loadConfig({ ...auth, APP_VERSION: '1.0.0' }, 'export').auth).toEqual({
      issuer: 'https://login.factsway.com',
      audience: 'https://api.factsway.com',
      jwksUrl: 'https://login.factsway.com/jwks',
    });
  });

  it('rejects a name that is not in the catalog', () => {
    expect(() => loadConfig(valid, 'billing')).toThrow(/Unknown service "billing"/);
  });
});
