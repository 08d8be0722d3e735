export const receivers = {
  pages: 'pagerduty-pages',
  tickets: 'slack-tickets',
  /** The Watchdog, every minute, to the external dead man's switch. */
  heartbeat: 'heartbeat',
  /** The second paging channel, for when PagerDuty itself cannot be reached. */
  pagesFallback: 'opsgenie-pages-fallback',
} as const;

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
      // The heartbeat must arrive every minute: the monitor pages after a few missed ones.
      { matchers: ['alertname="Watchdog"'], receiver: receivers.heartbeat, group_wait: '0s', group_interval: '1m', repeat_interval: '1m' },
      // A PagerDuty outage cannot be reported through PagerDuty.
      {
        matchers: ['alertname="AlertmanagerNotificationsFailing"', 'integration="pagerduty"'],
        receiver: receivers.pagesFallback,
        repeat_interval: timing.repeatIntervalCritical,
      },
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
    // The fast-burn page makes the slow-burn ticket for the same service redundant; the same
    // for a volume at 90% and 80%. Scoped to the object the alert is about, so a page about
    // one volume or pod never hides a ticket about another.
    source_matchers: ['severity="critical"'],
    target_matchers: ['severity="warning"'],
    equal: ['environment', 'alertname', 'service', 'namespace', 'pod', 'persistentvolumeclaim', 'job'],
  },
  {
    // With the primary down, every service's connection errors are the same incident. A replica
    // down does not stop the services, so it silences nothing.
    source_matchers: ['alertname="PostgresDown"', 'role="primary"'],
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
