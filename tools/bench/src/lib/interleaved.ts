import { median } from './median';

export interface Contender {
  name: string;
  /** One measurement, e.g. one wrk run; higher or lower is the caller's business. */
  measure(): Promise<number>;
}

/**
 * Measures every contender once per round, in rotating order, for `rounds` rounds, after one
 * unrecorded warm-up each, and returns each one's median: drift on a shared machine hits all alike.
 */
export async function interleaved(contenders: readonly Contender[], rounds: number, log: (line: string) => void): Promise<Map<string, number>> {
  for (const contender of contenders) await contender.measure();
  const samples = new Map(contenders.map((c) => [c.name, [] as number[]]));
  for (let round = 0; round < rounds; round += 1) {
    for (let i = 0; i < contenders.length; i += 1) {
      const contender = contenders[(i + round) % contenders.length]!;
      const value = await contender.measure();
      samples.get(contender.name)!.push(value);
      log(`  round ${round + 1}/${rounds} ${contender.name}: ${value.toFixed(1)}`);
    }
  }
  return new Map([...samples].map(([name, values]) => [name, median(values)]));
}
