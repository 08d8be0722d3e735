export interface HealthBody {
  status: string;
  service: string;
  version: string;
}

const pollIntervalMs = 100;
const requestTimeoutMs = 2_000;

/**
 * Polls `<url>/ready` until it answers 200, then reads `/health` (for the version).
 * Rejects when `failed()` reports a reason (the process gave up) or `signal` aborts.
 */
export async function waitUntilReady(url: string, signal: AbortSignal, failed: () => string | undefined): Promise<HealthBody> {
  for (;;) {
    if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason));
    const reason = failed();
    if (reason) throw new Error(reason);
    try {
      const ready = await fetch(`${url}/ready`, { signal: AbortSignal.any([signal, AbortSignal.timeout(requestTimeoutMs)]) });
      await ready.arrayBuffer();
      if (ready.status === 200) {
        const health = await fetch(`${url}/health`, { signal: AbortSignal.timeout(requestTimeoutMs) });
        return (await health.json()) as HealthBody;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
  }
}
