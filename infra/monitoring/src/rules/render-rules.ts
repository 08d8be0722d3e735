import { MonitoredServices } from '../service-selectors';
import { AlertingRule, RuleGroup } from './rule-types';
import { alertDefinitions } from './alert-definitions';
import { withLinks } from './links';

/** alerts.yml: one group per concern, in definition order; links added to every rule. */
export function alertRuleGroups(services: MonitoredServices): RuleGroup<AlertingRule>[] {
  const groups = new Map<string, AlertingRule[]>();
  for (const definition of alertDefinitions(services)) {
    const rules = groups.get(definition.group) ?? [];
    rules.push(...definition.rules.map(withLinks));
    groups.set(definition.group, rules);
  }
  return [...groups].map(([name, rules]) => ({ name, rules }));
}

/** Every alert name, once each (ServiceDown has one rule per service). */
export function alertNames(services: MonitoredServices): string[] {
  return alertDefinitions(services).map((d) => d.name);
}
