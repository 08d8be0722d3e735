import { serviceId } from '@factsway/service-catalog';
import { MonitoredServices } from '../../service-selectors';
import { AlertDefinition } from '../rule-types';
import { otherServicesUp, up } from '../test-series';

/**
 * One rule per service, so a service whose pods are all gone (no `up`
 * series at all) alerts too, and the alert carries the right `service` label.
 */
export function serviceDown(services: MonitoredServices): AlertDefinition {
  return {
    name: 'ServiceDown',
    group: 'factsway-availability',
    rules: services.map((s) => {
      const id = serviceId(s.name);
      return {
        alert: 'ServiceDown',
        expr: `sum by (job) (up{job="${id}"}) == 0 or absent(up{job="${id}"})`,
        for: '1m',
        severity: 'critical',
        scope: 'service',
        labels: { service: id },
        summary: `${id} is down`,
        description: `No instance of ${id} has answered Prometheus' scrape of /metrics for a minute; every request to it fails.`,
      };
    }),
    tests: [
      {
        name: 'fires when every instance of records-service stops answering',
        inputSeries: [up('records', '1 1 0x10', 1), up('records', '1 1 0x10', 2), ...otherServicesUp(services, ['records-service'])],
        evalTime: '5m',
        expectFiring: [{ job: 'records-service', service: 'records-service', severity: 'critical' }],
      },
      {
        name: 'fires when records-service has no scrape targets at all',
        inputSeries: otherServicesUp(services, ['records-service']),
        evalTime: '3m',
        expectFiring: [{ job: 'records-service', service: 'records-service', severity: 'critical' }],
      },
      {
        name: 'does not fire for a one-scrape blip',
        inputSeries: [up('records', '1 1 0 1x10'), ...otherServicesUp(services, ['records-service'])],
        evalTime: '4m',
        expectFiring: [],
      },
      {
        name: 'does not fire while one of several instances is still up',
        inputSeries: [up('records', '0x10', 1), up('records', '1x10', 2), ...otherServicesUp(services, ['records-service'])],
        evalTime: '5m',
        expectFiring: [],
      },
    ],
  };
}
