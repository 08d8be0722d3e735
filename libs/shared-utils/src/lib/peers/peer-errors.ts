import { HttpError } from '../errors/http-error';

/** The peer could not be reached in time (refused, reset, DNS, timeout): 503 `peer_unavailable`. */
export class PeerUnavailableError extends HttpError {
  override name = 'PeerUnavailableError';

  constructor(readonly peer: string, reason: string, options?: { cause?: unknown }) {
    super(503, 'peer_unavailable', `The ${peer} service is unavailable: ${reason}`);
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** The peer answered with a 5xx: 502 `peer_failed`. */
export class PeerFailedError extends HttpError {
  override name = 'PeerFailedError';

  constructor(readonly peer: string, readonly peerStatus: number) {
    super(502, 'peer_failed', `The ${peer} service failed (HTTP ${peerStatus})`);
  }
}
