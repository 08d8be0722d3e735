export interface QueryResult {
  status: 'success' | 'error';
  error?: string;
  data?: { resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] };
}

/** An instant query through Prometheus' HTTP API (`/api/v1/query`). */
export async function instantQuery(prometheusUrl: string, query: string): Promise<QueryResult> {
  const response = await fetch(`${prometheusUrl}/api/v1/query?${new URLSearchParams({ query })}`);
  return (await response.json()) as QueryResult;
}

export interface RuleHealth {
  name: string;
  health: string;
  lastError?: string;
}

/** Every loaded rule with its last evaluation's health (`ok`, `err`, `unknown`). */
export async function loadedRules(prometheusUrl: string): Promise<RuleHealth[]> {
  const response = await fetch(`${prometheusUrl}/api/v1/rules`);
  const body = (await response.json()) as { data: { groups: { rules: RuleHealth[] }[] } };
  return body.data.groups.flatMap((g) => g.rules);
}
