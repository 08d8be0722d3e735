// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the declarations of jose for node10 resolution (see jose-types.d.ts)
/// <reference path="./jose-types.d.ts" />
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { HttpError } from '../errors/http-error';
import { invalidToken } from './auth-error';
import type { Caller } from './caller';
import { VERIFIED_TOKEN_CACHE_MS, VerifiedTokenCache } from './verified-token-cache';

/** Asymmetric algorithms only: never `none`, never an HMAC that a public key could be abused as the secret of. */
export const ACCEPTED_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'] as const;
export const CLOCK_SKEW_SECONDS = 30;
export const JWKS_TIMEOUT_MS = 2000;
/** After a refetch, an unknown `kid` waits this long before the next one (a flood of forged kids cannot hammer the issuer). */
export const JWKS_COOLDOWN_MS = 30_000;
/** Keys are refetched at least this often even when every kid is known, so a revoked key drops out. */
export const JWKS_MAX_AGE_MS = 10 * 60_000;
export const TENANT_CLAIM = 'tenant';
/** Tenant ids are firm slugs: they end up in SQL parameters, log fields and audit records. */
export const TENANT_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  jwksUrl: string;
  timeoutMs?: number;
  cooldownMs?: number;
  maxAgeMs?: number;
  clockSkewSeconds?: number;
  /** How long a verified token is trusted without a new signature check; 0 checks every time. */
  verifiedCacheMs?: number;
}

export type TokenVerifier = (token: string) => Promise<Caller>;

/** The issuer's keys could not be read: the token may be fine, so this is our 503, not the caller's 401. */
export class IssuerUnavailableError extends HttpError {
  override name = 'IssuerUnavailableError';
  constructor(reason: string, options?: ErrorOptions) {
    super(503, 'issuer_unavailable', `The token issuer's keys could not be read (${reason}); retry shortly`);
    if (options?.cause) this.cause = options.cause;
  }
}

const jwksUnavailableCodes = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID', 'ERR_JOSE_GENERIC']);

function scopesOf(payload: JWTPayload): string[] {
  const scope = payload['scope'];
  if (typeof scope === 'string') return scope.split(' ').filter(Boolean);
  const scp = payload['scp'];
  return Array.isArray(scp) ? scp.filter((s): s is string => typeof s === 'string') : [];
}

function describeRejection(error: InstanceType<typeof errors.JOSEError>): string {
  switch (error.code) {
    case 'ERR_JWT_EXPIRED':
      return 'the token has expired';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return `the token's algorithm is not accepted (accepted: ${ACCEPTED_ALGORITHMS.join(', ')})`;
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return 'the token was signed with a key the issuer does not publish';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'the token signature does not verify';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return `the token's ${(error as InstanceType<typeof errors.JWTClaimValidationFailed>).claim} claim is not valid: ${error.message}`;
    default:
      return 'the token is malformed';
  }
}

/**
 * Verifies bearer tokens of one OpenID Connect issuer with jose: signature against the issuer's
 * JWKS (fetched on first use, cached, refetched on an unknown kid after a cooldown, with a
 * timeout), issuer, audience, exp/nbf with a small clock skew, and the algorithm allow-list.
 * A token that passed is trusted for up to a minute, never past its expiry (VerifiedTokenCache).
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const keys = createRemoteJWKSet(new URL(options.jwksUrl), {
    timeoutDuration: options.timeoutMs ?? JWKS_TIMEOUT_MS,
    cooldownDuration: options.cooldownMs ?? JWKS_COOLDOWN_MS,
    cacheMaxAge: options.maxAgeMs ?? JWKS_MAX_AGE_MS,
  });
  const clockSkewSeconds = options.clockSkewSeconds ?? CLOCK_SKEW_SECONDS;
  const verified = new VerifiedTokenCache(options.verifiedCacheMs ?? VERIFIED_TOKEN_CACHE_MS);
  return async (token) => {
    const cached = verified.get(token);
    if (cached) return cached;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: [...ACCEPTED_ALGORITHMS],
        clockTolerance: clockSkewSeconds,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      if (!(error instanceof errors.JOSEError)) throw new IssuerUnavailableError(describeFetchFailure(error), { cause: error });
      if (jwksUnavailableCodes.has(error.code)) throw new IssuerUnavailableError(error.message, { cause: error });
      throw invalidToken(describeRejection(error));
    }
    const tenant = payload[TENANT_CLAIM];
    if (typeof tenant !== 'string' || !TENANT_PATTERN.test(tenant)) {
      throw invalidToken(`the token has no valid "${TENANT_CLAIM}" claim (a firm id such as firm-a)`);
    }
    // Frozen: a cached caller is shared by every request that sends the same token.
    const caller: Caller = Object.freeze({ subject: String(payload.sub), tenant, scopes: Object.freeze(scopesOf(payload)) as string[], token });
    verified.set(token, caller, (Number(payload.exp) + clockSkewSeconds) * 1000);
    return caller;
  };
}

function describeFetchFailure(error: unknown): string {
  const err = error as { message?: string; cause?: { code?: string } };
  return err?.cause?.code ?? err?.message ?? String(error);
}
