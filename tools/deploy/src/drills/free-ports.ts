import { freePort } from '@factsway/database';

/** Distinct free ports on 127.0.0.1, one per name. */
export async function freePorts(names: readonly string[]): Promise<Record<string, number>> {
  const ports = new Set<number>();
  while (ports.size < names.length) ports.add(await freePort());
  const list = [...ports];
  return Object.fromEntries(names.map((name, index) => [name, list[index]]));
}
