import { AlertDefinition } from '../rule-types';
import { sloSeries } from '../slo-recording-rules';
import { requests } from '../test-series';
import { burnRateRules } from './burn-rate-rules';

/**
 * records-service: availability SLO 0.999, so 14.4x = 1.44% errors, 6x = 0.6%, 1x = 0.1%.
 * Recording rules and alerts sit in different groups, evaluated in no fixed order, so an alert
 * may see the recorded ratios one evaluation late; the cases leave that step of slack.
 */
export const availabilityErrorBudgetBurn: AlertDefinition = {
  name: 'AvailabilityErrorBudgetBurn',
  group: 'factsway-slo',
  testEvaluationInterval: '5m',
  rules: burnRateRules({
    alert: 'AvailabilityErrorBudgetBurn',
    badRatio: sloSeries.errorRatio,
    objective: sloSeries.availabilityObjective,
    what: 'availability (5xx)',
  }),
  tests: [
    {
      name: 'pages within minutes at 9% errors (1h and 5m windows, 14.4x)',
      inputSeries: [requests('records', '200', '0+600x120'), requests('records', '500', '0+60x120')],
      evalTime: '15m',
      expectFiring: [{ service: 'records-service', severity: 'critical', burn_window: '1h' }],
    },
    {
      name: 'pages at 1% errors sustained for half an hour (6h and 30m windows, 6x) but not at 14.4x',
      inputSeries: [requests('records', '200', '0+600x120'), requests('records', '500', '0+6x120')],
      evalTime: '30m',
      expectFiring: [{ service: 'records-service', severity: 'critical', burn_window: '6h' }],
    },
    {
      name: 'opens a ticket at 0.17% errors over hours (3d and 6h windows, 1x)',
      inputSeries: [requests('records', '200', '0+600x200'), requests('records', '500', '0+1x200')],
      evalTime: '90m',
      expectFiring: [{ service: 'records-service', severity: 'warning', burn_window: '3d' }],
    },
    {
      name: 'uses each service its own SLO: 0.3% errors burn records (0.999) but not ingestion (0.995)',
      inputSeries: [
        requests('records', '200', '0+1000x200'),
        requests('records', '500', '0+3x200'),
        requests('ingestion', '200', '0+1000x200'),
        requests('ingestion', '500', '0+3x200'),
      ],
      evalTime: '90m',
      expectFiring: [{ service: 'records-service', severity: 'warning', burn_window: '3d' }],
    },
    {
      name: 'stays quiet at low traffic even when every request fails',
      inputSeries: [requests('records', '500', '0+0.5x200')],
      evalTime: '90m',
      expectFiring: [],
    },
    {
      name: 'stays quiet at 0.05% errors, inside the budget',
      inputSeries: [requests('records', '200', '0+2000x200'), requests('records', '500', '0+1x200')],
      evalTime: '90m',
      expectFiring: [],
    },
  ],
};
