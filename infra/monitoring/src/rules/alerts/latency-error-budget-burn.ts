import { AlertDefinition } from '../rule-types';
import { sloSeries } from '../slo-recording-rules';
import { durationBucket, durationCount, requests } from '../test-series';
import { burnRateRules } from './burn-rate-rules';

/**
 * records-service: 99% of requests under 0.3 s, so 14.4x = 14.4% slow, 6x = 6%, 1x = 1%.
 * ingestion-service: 95% under 2.5 s, so 14.4x = 72% slow.
 */
export const latencyErrorBudgetBurn: AlertDefinition = {
  name: 'LatencyErrorBudgetBurn',
  group: 'factsway-slo',
  testEvaluationInterval: '5m',
  rules: burnRateRules({
    alert: 'LatencyErrorBudgetBurn',
    badRatio: sloSeries.slowRatio,
    objective: sloSeries.latencyObjective,
    what: 'latency (slower than the SLO threshold)',
  }),
  tests: [
    {
      name: 'pages within minutes when 20% of requests are slower than 0.3 s, and uses ingestion its own 2.5 s threshold',
      inputSeries: [
        requests('records', '200', '0+600x120'),
        durationCount('records', '0+600x120'),
        durationBucket('records', '0.3', '0+480x120'),
        requests('ingestion', '200', '0+600x120'),
        durationCount('ingestion', '0+600x120'),
        durationBucket('ingestion', '0.3', '0+0x120'),
        durationBucket('ingestion', '2.5', '0+480x120'),
      ],
      evalTime: '15m',
      expectFiring: [{ service: 'records-service', severity: 'critical', burn_window: '1h' }],
    },
    {
      name: 'pages when 8% are slow for half an hour (6x) but not at 14.4x',
      inputSeries: [
        requests('records', '200', '0+600x120'),
        durationCount('records', '0+600x120'),
        durationBucket('records', '0.3', '0+552x120'),
      ],
      evalTime: '30m',
      expectFiring: [{ service: 'records-service', severity: 'critical', burn_window: '6h' }],
    },
    {
      name: 'opens a ticket when 2% are slow for hours (1x)',
      inputSeries: [
        requests('records', '200', '0+600x200'),
        durationCount('records', '0+600x200'),
        durationBucket('records', '0.3', '0+588x200'),
      ],
      evalTime: '90m',
      expectFiring: [{ service: 'records-service', severity: 'warning', burn_window: '3d' }],
    },
    {
      name: 'stays quiet at low traffic even when every request is slow',
      inputSeries: [
        requests('records', '200', '0+0.5x200'),
        durationCount('records', '0+0.5x200'),
        durationBucket('records', '0.3', '0+0x200'),
      ],
      evalTime: '90m',
      expectFiring: [],
    },
    {
      name: 'stays quiet when 0.5% are slow, inside a 1% budget',
      inputSeries: [
        requests('records', '200', '0+1000x200'),
        durationCount('records', '0+1000x200'),
        durationBucket('records', '0.3', '0+995x200'),
      ],
      evalTime: '90m',
      expectFiring: [],
    },
  ],
};
