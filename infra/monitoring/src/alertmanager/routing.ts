export const receivers = { pages: 'pagerduty-pages', tickets: 'slack-tickets' } as const;

export interface Timing {
  groupWait: string;
  groupInterval: string;
  repeatIntervalCritical: string;
  repeatIntervalWarning: string;
}

/**
 * The routing tree, shared by production and the local drill so the drill exercises
 * the real grouping and inhibition: critical pages, warning opens a ticket.
 */
export function routeTree(timing: Timing) {
  return {
    receiver: receivers.tickets,
    group_by: ['alertname', 'service'],
    group_wait: timing.groupWait,
    group_interval: timing.groupInterval,
    repeat_interval: timing.repeatIntervalWarning,
    routes: [
      { matchers: ['severity="critical"'], receiver: receivers.pages, repeat_interval: timing.repeatIntervalCritical },
      { matchers: ['severity="warning"'], receiver: receivers.tickets },
    ],
  };
}

export const inhibitRules = [
  {
    // A service that is down burns its budgets and fails readiness as a consequence: page once.
    source_matchers: ['alertname="ServiceDown"'],
    target_matchers: ['alertname=~"AvailabilityErrorBudgetBurn|LatencyErrorBudgetBurn|ServiceNotReady"'],
    equal: ['environment', 'service'],
  },
  {
    // The fast-burn page makes the slow-burn ticket for the same service redundant.
    source_matchers: ['severity="critical"'],
    target_matchers: ['severity="warning"'],
    equal: ['environment', 'alertname', 'service'],
  },
  {
    // With PostgreSQL itself down, every service's connection errors are the same incident.
    source_matchers: ['alertname="PostgresDown"'],
    target_matchers: ['alertname=~"DatabaseConnectionErrors|DatabaseUnavailable"'],
    equal: ['environment'],
  },
  {
    // Requests refused because the database is down are the burn: the cause pages, not the symptom.
    source_matchers: ['alertname="DatabaseUnavailable"'],
    target_matchers: ['alertname="AvailabilityErrorBudgetBurn"'],
    equal: ['environment', 'service'],
  },
];
