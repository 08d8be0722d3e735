/** One write the load sent, with what came back. */
export interface WriteOutcome {
  startedAt: number;
  ms: number;
  /** HTTP status; 0 when no response came (connection refused or reset: the process was gone). */
  status: number;
  /** `hung` when the client gave up waiting: the service neither answered nor closed the connection. */
  error?: 'hung' | 'no-response';
  errorCode?: string;
  /** The id of the stored record when the write was acknowledged (201). */
  id?: string;
}

/**
 * Steady HTTP writes from a few concurrent clients, as the desktop app sends them:
 * each client posts, waits for the answer, and posts again.
 */
export class WriteLoad {
  readonly outcomes: WriteOutcome[] = [];
  private running = false;
  private clients: Promise<void>[] = [];
  private sequence = 0;

  constructor(
    private readonly url: () => string,
    private readonly body: (n: number) => unknown,
    private readonly clientTimeoutMs: number,
    /** Sent with every write: the signed-in user's `authorization`. */
    private readonly headers: Record<string, string> = {},
  ) {}

  start(concurrency: number): void {
    this.running = true;
    this.clients = Array.from({ length: concurrency }, () => this.client());
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.clients);
  }

  acknowledged(): string[] {
    return this.outcomes.filter((o) => o.id).map((o) => o.id as string);
  }

  since(time: number): WriteOutcome[] {
    return this.outcomes.filter((o) => o.startedAt >= time);
  }

  private async client(): Promise<void> {
    while (this.running) {
      const startedAt = Date.now();
      const outcome: WriteOutcome = { startedAt, ms: 0, status: 0 };
      try {
        const response = await fetch(this.url(), {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...this.headers },
          body: JSON.stringify(this.body(++this.sequence)),
          signal: AbortSignal.timeout(this.clientTimeoutMs),
        });
        outcome.status = response.status;
        const body = (await response.json().catch(() => undefined)) as { id?: string; error?: { code?: string } } | undefined;
        if (response.status === 201 && body?.id) outcome.id = body.id;
        if (body?.error?.code) outcome.errorCode = body.error.code;
      } catch (error) {
        outcome.error = (error as Error).name === 'TimeoutError' ? 'hung' : 'no-response';
      }
      outcome.ms = Date.now() - startedAt;
      this.outcomes.push(outcome);
      // A refused connection returns at once; do not spin on it.
      if (outcome.status !== 201) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
