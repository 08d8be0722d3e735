import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { services } from '@factsway/service-catalog';
import { monitoringFiles, toYaml } from '../monitoring-files';
import { runTool } from '../testing/binaries';
import { projectFile } from '../testing/project-paths';
import { replayTestFile } from './replay-test-file';
import { incidents, normalDay, Scenario } from './scenarios';

/**
 * Alert fatigue: the committed rules (recording-rules.yml, alerts.yml) replayed by the real
 * promtool over synthetic scrapes every 15 seconds. A normal day must page no one (and open no
 * ticket); each real incident must page, with exactly its expected alerts, by its stated time.
 */
describe('alert-fatigue replay (promtool over synthetic production series)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fatigue-replay-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function replay(name: string, scenarios: Scenario[], evaluationInterval?: string) {
    const file = join(dir, `${name}.test.yml`);
    const ruleFiles = [projectFile(monitoringFiles.recordingRules), projectFile(monitoringFiles.alerts)];
    writeFileSync(file, toYaml(replayTestFile(ruleFiles, scenarios, evaluationInterval)));
    return runTool('promtool', ['test', 'rules', file]);
  }

  it('over a normal day (a rolling deploy, a pod restart, a 30 s failover, a traffic spike, a quiet night) raises only the measured, known fatigue', () => {
    const day = normalDay(services);
    expect(day.series.length).toBeGreaterThan(100);
    // Measured: 7 pages and 6 tickets, all from the 30-second failover (see scenarios.ts); the goal is 0 and 0.
    expect([day.knownFatigue?.critical.length, day.knownFatigue?.warning.length]).toEqual([7, 6]);
    // Rules evaluated every minute over the day (the scrapes stay at 15 s): a 24-hour replay at 15 s takes promtool over ten minutes here.
    const result = replay('normal-day', [day], '1m');
    if (result.status !== 0) throw new Error(result.output);
    expect(result.output).toContain('SUCCESS');
  }, 900_000);

  it('pages for each real incident, with exactly its alerts, by its stated time', () => {
    const scenarios = incidents(services);
    expect(scenarios.map((s) => s.expectedPages.length)).toEqual([1, 8, 1]);
    const result = replay('incidents', scenarios);
    if (result.status !== 0) throw new Error(result.output);
    expect(result.output).toContain('SUCCESS');
  }, 900_000);

  it('fails when a page is expected that the rules do not give (the replay can fail)', () => {
    const [crash] = incidents(services);
    const wrong = { ...crash, expectedPages: [...crash.expectedPages, { alertname: 'ServiceDown', labels: { service: 'facts-service' } }] };
    const result = replay('wrong', [wrong]);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('FAILED');
  }, 900_000);
});
