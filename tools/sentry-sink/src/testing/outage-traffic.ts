import { authorizedFetch } from '@factsway/service-testing';

/** One request the traffic sends: a write that creates a row (its id comes back) or a read. */
export interface TrafficRequest {
  kind: 'write' | 'read';
  method: string;
  path: string;
  body?: unknown;
}

export interface Answer {
  kind: 'write' | 'read';
  status: number;
  retryAfter: string | null;
  code?: string;
  writeOutcome?: string;
  /** The created row's id, for an acknowledged write. */
  id?: string;
  /** 'before' | 'during' | 'after': the outage phase the request was sent in. */
  phase: OutagePhase;
}

export type OutagePhase = 'before' | 'during' | 'after';

export interface OutageCounts {
  requests: number;
  ok2xx: number;
  unavailable503: number;
  other: number;
  server500: number;
  writeOutcomeUnknown: number;
  acknowledgedWrites: number;
}

/**
 * Sends `next()` requests one after another every `intervalMs` until `stop()`, recording each
 * answer with the phase it was sent in: traffic a signed-in client (a valid token of the test firm)
 * keeps sending while the database goes away.
 */
export function startTraffic(baseUrl: string, next: (sequence: number) => TrafficRequest, intervalMs = 50) {
  const answers: Answer[] = [];
  let phase: OutagePhase = 'before';
  let stopped = false;
  const done = (async () => {
    for (let sequence = 0; !stopped; sequence += 1) {
      const request = next(sequence);
      const sentIn = phase;
      const response = await authorizedFetch(`${baseUrl}${request.path}`, {
        method: request.method,
        headers: request.body === undefined ? {} : { 'content-type': 'application/json' },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
      });
      const text = await response.text();
      const body = text ? (JSON.parse(text) as { id?: string; error?: { code?: string; details?: { writeOutcome?: string } } }) : {};
      answers.push({
        kind: request.kind,
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        code: body.error?.code,
        writeOutcome: body.error?.details?.writeOutcome,
        id: request.kind === 'write' && response.status === 201 ? body.id : undefined,
        phase: sentIn,
      });
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    answers,
    setPhase(value: OutagePhase) {
      phase = value;
    },
    /** Resolves once `count` more answers have come in than now. */
    async waitForAnswers(count: number) {
      const target = answers.length + count;
      while (answers.length < target) await new Promise((resolve) => setTimeout(resolve, 20));
    },
    async stop() {
      stopped = true;
      await done;
    },
  };
}

export function countAnswers(answers: Answer[]): OutageCounts {
  return {
    requests: answers.length,
    ok2xx: answers.filter((a) => a.status >= 200 && a.status < 300).length,
    unavailable503: answers.filter((a) => a.status === 503).length,
    other: answers.filter((a) => a.status < 200 || (a.status >= 300 && a.status !== 503)).length,
    server500: answers.filter((a) => a.status === 500).length,
    writeOutcomeUnknown: answers.filter((a) => a.writeOutcome === 'unknown').length,
    acknowledgedWrites: answers.filter((a) => a.id !== undefined).length,
  };
}
