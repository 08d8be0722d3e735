import { freeStablePorts } from '@factsway/dev-support';

/**
 * Distinct free ports on 127.0.0.1, one per name. The drills keep them unbound for minutes
 * (while images build, between rolls), so they come from below the ephemeral range.
 */
export async function freePorts(names: readonly string[]): Promise<Record<string, number>> {
  const ports = await freeStablePorts(names.length);
  return Object.fromEntries(names.map((name, index) => [name, ports[index]]));
}
