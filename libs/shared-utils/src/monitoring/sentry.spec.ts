import { ConfigError } from '../lib/config/config-error';
import { initErrorTracking } from './sentry';

describe('initErrorTracking configuration', () => {
  it('stays off without SENTRY_DSN and says so in exactly one warning', () => {
    const warnings: string[] = [];
    const status = initErrorTracking('records', { env: {}, warn: (line) => warnings.push(line) });
    expect(status).toEqual({ enabled: false, reason: 'SENTRY_DSN is not set' });
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0]!)).toMatchObject({ level: 'warn', service: 'records-service' });
  });

  it('refuses a DSN that Sentry cannot use, naming SENTRY_DSN', () => {
    const attempt = () => initErrorTracking('records', { env: { SENTRY_DSN: 'http://bad-key@127.0.0.1:9/1' } });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/SENTRY_DSN is not a valid Sentry DSN/);
  });

  it.each(['abc', '-0.1', '1.5', 'NaN'])('refuses SENTRY_TRACES_SAMPLE_RATE=%s, naming it', (rate) => {
    expect(() =>
      initErrorTracking('records', { env: { SENTRY_DSN: 'http://key@127.0.0.1:9/1', SENTRY_TRACES_SAMPLE_RATE: rate } }),
    ).toThrow(/SENTRY_TRACES_SAMPLE_RATE must be a number from 0 to 1/);
  });

  it('rejects a service the catalog does not know', () => {
    expect(() => initErrorTracking('billing', { env: {} })).toThrow(/Unknown service "billing"/);
  });
});
