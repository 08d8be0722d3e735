import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { services } from '@factsway/service-catalog';
import { monitoringConfig } from '../config';
import { runbooksDir } from '../testing/project-paths';
import { alertRuleGroups } from './render-rules';

const rules = alertRuleGroups(services).flatMap((g) => g.rules);
const alertNames = [...new Set(rules.map((r) => r.alert))];

describe('runbooks (docs/runbooks/<AlertName>.md)', () => {
  it.each(alertNames)('%s has a runbook at the path its runbook_url names', (alert) => {
    for (const rule of rules.filter((r) => r.alert === alert)) {
      const url = rule.annotations['runbook_url'];
      expect(url.startsWith(`${monitoringConfig.runbookBaseUrl}/`)).toBe(true);
      const file = join(runbooksDir, url.slice(monitoringConfig.runbookBaseUrl.length + 1));
      if (!existsSync(file)) throw new Error(`${alert} has no runbook: expected ${file}`);
    }
  });

  it.each(alertNames)('%s runbook explains meaning, impact, diagnosis and mitigation with commands', (alert) => {
    const text = readFileSync(join(runbooksDir, `${alert}.md`), 'utf8');
    expect(text.split('\n')[0]).toBe(`# ${alert}`);
    for (const section of ['## Meaning', '## Impact', '## Diagnosis', '## Mitigation']) expect(text).toContain(section);
    expect(text).toMatch(/```bash\n[\s\S]+?```/);
  });

  it('has no runbook for an alert that does not exist', () => {
    const runbooks = readdirSync(runbooksDir).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).filter((f) => f !== 'README');
    expect(runbooks.filter((name) => !alertNames.includes(name))).toEqual([]);
  });
});
