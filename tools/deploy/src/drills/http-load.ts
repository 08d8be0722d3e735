/** One failed request during the load: when, and what went wrong. */
export interface LoadFailure {
  target: string;
  at: number;
  error: string;
}

/** A URL, or a URL with request headers (an `authorization` for an /api route). */
export type LoadTarget = string | { url: string; headers?: Record<string, string> };

export interface LoadReport {
  requests: number;
  failures: LoadFailure[];
  /** Per target, the longest stretch (ms) from the first to the last failure of consecutive failed requests. */
  longestOutageMs: Record<string, number>;
}

/**
 * Bounded HTTP load on loopback: `workers` loops, each sending one request at a time to the
 * next target in turn, pausing `pauseMs` between requests. A non-2xx answer or a network
 * error is a failure. `stop()` ends it and reports.
 */
export function startHttpLoad(targets: Record<string, LoadTarget>, workers = 4, pauseMs = 10) {
  const names = Object.keys(targets);
  const failures: LoadFailure[] = [];
  const outage = new Map<string, { first: number; last: number }>();
  const longest: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]));
  let requests = 0;
  let running = true;
  let turn = 0;

  const loop = async () => {
    while (running) {
      const name = names[turn++ % names.length];
      const started = Date.now();
      let error: string | undefined;
      try {
        const target = targets[name];
        const { url, headers } = typeof target === 'string' ? { url: target, headers: undefined } : target;
        const response = await fetch(url, { headers, signal: AbortSignal.timeout(5000) });
        await response.arrayBuffer();
        if (!response.ok) error = `HTTP ${response.status}`;
      } catch (caught) {
        error = describeFailure(caught);
      }
      requests++;
      if (error) {
        failures.push({ target: name, at: started, error });
        const current = outage.get(name) ?? { first: started, last: started };
        current.last = Date.now();
        outage.set(name, current);
        longest[name] = Math.max(longest[name], current.last - current.first);
      } else {
        outage.delete(name);
      }
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  };
  const loops = Array.from({ length: workers }, loop);
  return {
    async stop(): Promise<LoadReport> {
      running = false;
      await Promise.all(loops);
      return { requests, failures, longestOutageMs: longest };
    },
  };
}

/**
 * fetch's own message ("fetch failed") says little: the socket error behind it is in `cause`.
 * Duck-typed: under jest, Node's own errors are not `instanceof` the test realm's Error.
 */
function describeFailure(caught: unknown): string {
  const error = caught as { message?: string; cause?: { code?: string; message?: string } } | undefined;
  if (!error?.message) return String(caught);
  const detail = [error.cause?.code, error.cause?.message].filter(Boolean).join(' ');
  return detail ? `${error.message}: ${detail}` : error.message;
}
