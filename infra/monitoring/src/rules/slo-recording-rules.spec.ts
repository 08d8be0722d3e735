import { serviceId, services } from '@factsway/service-catalog';
import { sloRecordingRules } from './slo-recording-rules';

const rules = sloRecordingRules(services).flatMap((g) => g.rules);

describe('SLO recording rules', () => {
  it('record each service objective from the catalog', () => {
    for (const s of services) {
      expect(rules).toContainEqual({
        record: 'slo:availability_objective:ratio',
        expr: `vector(${s.slo.availability})`,
        labels: { service: serviceId(s.name) },
      });
      expect(rules).toContainEqual({
        record: 'slo:latency_objective:ratio',
        expr: `vector(${s.slo.latencyTarget})`,
        labels: { service: serviceId(s.name) },
      });
    }
  });

  it('measure latency at the histogram bucket that sits on each service latency SLO', () => {
    const slow = rules.find((r) => r.record === 'service:http_requests_slow:ratio_rate5m');
    for (const s of services) {
      expect(slow?.expr).toContain(`service="${serviceId(s.name)}",le="${s.slo.latencySeconds}"`);
    }
  });

  it('keep every window the burn-rate alerts read', () => {
    const recorded = rules.map((r) => r.record);
    for (const w of ['5m', '30m', '1h', '6h', '3d']) {
      expect(recorded).toContain(`service:http_request_errors:ratio_rate${w}`);
      expect(recorded).toContain(`service:http_requests_slow:ratio_rate${w}`);
      expect(recorded).toContain(`service:http_requests:rate${w}`);
    }
  });
});
