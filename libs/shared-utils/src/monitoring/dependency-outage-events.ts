import type { ErrorEvent, EventHint } from '@sentry/node';
import { classifyError } from '../lib/errors/classify-error';

/** At most one event per dependency and service in this window (docs/adr/013). */
export const DEPENDENCY_EVENT_INTERVAL_MS = 60_000;

export interface DependencyOutageEventsOptions {
  serviceId: string;
  /** Default DEPENDENCY_EVENT_INTERVAL_MS. */
  intervalMs?: number;
  /** Default Date.now; tests pass a clock. */
  now?: () => number;
}

/**
 * A `beforeSend` step: an event for an error that means a dependency is down (the database) gets
 * one fingerprint per dependency and service, so an outage is one Sentry issue however many
 * requests it failed, and at most one such event per interval is sent; the next one carries how
 * many were dropped since (`extra.suppressed_events`). Every other event (a bug) passes unchanged.
 */
export function dependencyOutageEvents(options: DependencyOutageEventsOptions): (event: ErrorEvent, hint: EventHint) => ErrorEvent | null {
  const intervalMs = options.intervalMs ?? DEPENDENCY_EVENT_INTERVAL_MS;
  const now = options.now ?? Date.now;
  const state = new Map<string, { lastSentAt: number; suppressed: number }>();
  return (event, hint) => {
    const dependency = classifyError(hint.originalException).dependency;
    if (!dependency) return event;
    const current = state.get(dependency);
    const at = now();
    if (current && at - current.lastSentAt < intervalMs) {
      current.suppressed += 1;
      return null;
    }
    state.set(dependency, { lastSentAt: at, suppressed: 0 });
    return {
      ...event,
      fingerprint: ['dependency-unavailable', dependency, options.serviceId],
      tags: { ...event.tags, dependency },
      extra: { ...event.extra, suppressed_events: current?.suppressed ?? 0, suppression_interval_ms: intervalMs },
    };
  };
}
