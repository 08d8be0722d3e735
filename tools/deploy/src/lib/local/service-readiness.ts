import { probeListener } from './listener-probe';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What the service's ready listener on `port` reports. Like a readiness probe's failureThreshold,
 * one slow answer on a busy machine does not count as unready: up to three tries, a second apart.
 */
export async function readyVersion(port: number): Promise<string | undefined> {
  for (let attempt = 1; ; attempt++) {
    const probe = await probeListener(port, 3000);
    if (probe.state === 'serving' && probe.ready) return probe.version;
    if (attempt === 3) return undefined;
    await sleep(1000);
  }
}
