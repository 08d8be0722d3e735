/** The answer of a readiness check: ready with fields for the `/ready` body, or why not (a 503). */
export type Readiness = { ready: true; details: Record<string, unknown> } | { ready: false; code: string; message: string };

/** What `/ready` asks: only the server's own dependencies (its database, its bucket), never peers. */
export type ReadinessCheck = () => Promise<Readiness>;
