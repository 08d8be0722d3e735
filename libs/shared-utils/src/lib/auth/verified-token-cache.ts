import type { Caller } from './caller';

/** How long a verified token is taken on trust without checking its signature again. */
export const VERIFIED_TOKEN_CACHE_MS = 60_000;
/** Tokens held at most; the oldest goes first (a few MB at most). */
export const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

interface Entry {
  caller: Caller;
  validUntilMs: number;
}

/**
 * Callers of tokens whose signature and claims were verified, keyed by the exact token string.
 * A signature check (ES256: about 5,000 a second on one core) costs more than the rest of a
 * request; a client sends the same token for its whole lifetime, so each is checked once a
 * minute instead of on every request (docs/adr/016). An entry never outlives the token's own
 * `exp` (plus the verifier's clock skew), and only successes are kept: a bad token is checked
 * every time. The price: a signing key withdrawn from the issuer's key set is still honoured
 * for tokens verified in the last `ttlMs`.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = VERIFIED_TOKEN_CACHE_MS,
    private readonly maxEntries = VERIFIED_TOKEN_CACHE_SIZE,
    private readonly now: () => number = Date.now,
  ) {}

  get(token: string): Caller | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (this.now() >= entry.validUntilMs) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.caller;
  }

  /** `expiresAtMs`: the token's `exp` plus the accepted clock skew, in milliseconds. */
  set(token: string, caller: Caller, expiresAtMs: number): void {
    if (this.ttlMs <= 0) return;
    const validUntilMs = Math.min(this.now() + this.ttlMs, expiresAtMs);
    if (validUntilMs <= this.now()) return;
    this.entries.delete(token);
    this.entries.set(token, { caller, validUntilMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
