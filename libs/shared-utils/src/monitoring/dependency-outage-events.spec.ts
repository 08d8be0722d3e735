import type { ErrorEvent, EventHint } from '@sentry/node';
import { markDatabaseFailure } from '../lib/database/database-failure';
import { dependencyOutageEvents } from './dependency-outage-events';

function outageHint(): EventHint {
  const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  markDatabaseFailure(error, { stage: 'connect' });
  return { originalException: error };
}

function bugHint(): EventHint {
  return { originalException: new TypeError("Cannot read properties of undefined (reading 'title')") };
}

function event(): ErrorEvent {
  return { type: undefined, tags: { service: 'records-service' }, extra: { route: '/api/cases' } };
}

/** A hand-driven clock in milliseconds. */
function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('dependencyOutageEvents (Sentry beforeSend for dependency outages)', () => {
  it('sends one event per dependency per window, fingerprinted by dependency and service', () => {
    const time = clock();
    const limit = dependencyOutageEvents({ serviceId: 'records-service', intervalMs: 60_000, now: time.now });
    const first = limit(event(), outageHint());
    expect(first).toMatchObject({
      fingerprint: ['dependency-unavailable', 'database', 'records-service'],
      tags: { service: 'records-service', dependency: 'database' },
      extra: { route: '/api/cases', suppressed_events: 0, suppression_interval_ms: 60_000 },
    });
    for (let i = 0; i < 99; i += 1) {
      time.advance(500);
      expect(limit(event(), outageHint())).toBeNull();
    }
  });

  it('carries the number of suppressed events in the next event after the window', () => {
    const time = clock();
    const limit = dependencyOutageEvents({ serviceId: 'records-service', intervalMs: 60_000, now: time.now });
    limit(event(), outageHint());
    for (let i = 0; i < 113; i += 1) {
      time.advance(100);
      limit(event(), outageHint());
    }
    time.advance(60_000);
    expect(limit(event(), outageHint())?.extra).toMatchObject({ suppressed_events: 113 });
    // The count starts over after it has been reported.
    time.advance(1_000);
    expect(limit(event(), outageHint())).toBeNull();
    time.advance(60_000);
    expect(limit(event(), outageHint())?.extra).toMatchObject({ suppressed_events: 1 });
  });

  it('limits each service on its own: another service reports its own first event', () => {
    const time = clock();
    const records = dependencyOutageEvents({ serviceId: 'records-service', now: time.now });
    const facts = dependencyOutageEvents({ serviceId: 'facts-service', now: time.now });
    expect(records(event(), outageHint())?.fingerprint).toEqual(['dependency-unavailable', 'database', 'records-service']);
    expect(facts(event(), outageHint())?.fingerprint).toEqual(['dependency-unavailable', 'database', 'facts-service']);
    expect(records(event(), outageHint())).toBeNull();
  });

  it('never limits or regroups a real bug, during an outage either', () => {
    const time = clock();
    const limit = dependencyOutageEvents({ serviceId: 'records-service', now: time.now });
    limit(event(), outageHint());
    for (let i = 0; i < 50; i += 1) {
      const bug = event();
      expect(limit(bug, bugHint())).toBe(bug);
      time.advance(10);
    }
    expect(limit(event(), { originalException: Object.assign(new Error('duplicate key'), { code: '23505' }) })?.fingerprint).toBeUndefined();
  });
});
