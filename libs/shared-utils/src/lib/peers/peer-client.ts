import type { Logger } from 'pino';
import { currentCaller } from '../auth/caller';
import { currentRequestId } from '../logging/request-context';
import { REQUEST_ID_HEADER } from '../logging/request-id';
import { PeerFailedError, PeerUnavailableError } from './peer-errors';

export const DEFAULT_PEER_TIMEOUT_MS = 3000;

export interface PeerRequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  /** Whole call including the body; default 3000 ms. */
  timeoutMs?: number;
  headers?: Record<string, string>;
  /** Default: the id of the request being served (propagated as `x-request-id`). */
  requestId?: string;
}

export interface PeerResponse<T = unknown> {
  /** Below 500: 2xx, or a 4xx the caller decides about (e.g. the peer's 404). */
  status: number;
  ok: boolean;
  /** Parsed JSON, the text when it is not JSON, or undefined when empty. */
  body: T;
  headers: Headers;
}

export interface PeerClient {
  request<T = unknown>(peer: string, path: string, options?: PeerRequestOptions): Promise<PeerResponse<T>>;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function describe(error: unknown): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError') return 'timed out';
  return err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(error);
}

/**
 * Real HTTP to this service's catalog peers at `<PEER>_SERVICE_URL`. Every call has a
 * timeout; unreachable peers throw PeerUnavailableError (503), peer 5xx throw PeerFailedError (502).
 */
export function createPeerClient(peerUrls: Record<string, string>, logger?: Logger): PeerClient {
  return {
    async request<T>(peer: string, path: string, options: PeerRequestOptions = {}): Promise<PeerResponse<T>> {
      const base = peerUrls[peer];
      if (base === undefined) {
        throw new TypeError(`"${peer}" is not a catalog peer of this service (peers: ${Object.keys(peerUrls).join(', ') || 'none'})`);
      }
      const timeoutMs = options.timeoutMs ?? DEFAULT_PEER_TIMEOUT_MS;
      const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
      const requestId = options.requestId ?? currentRequestId();
      if (requestId) headers[REQUEST_ID_HEADER] = requestId;
      // The peer checks the same token, so it enforces the caller's tenant itself.
      const caller = currentCaller();
      if (caller && !Object.keys(headers).some((name) => name.toLowerCase() === 'authorization')) headers['authorization'] = `Bearer ${caller.token}`;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
      const url = base + (path.startsWith('/') ? path : `/${path}`);
      const signal = AbortSignal.timeout(timeoutMs);
      let response: Response;
      let body: unknown;
      try {
        response = await fetch(url, {
          method,
          headers,
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          signal,
        });
        body = await readBody(response);
      } catch (error) {
        const reason = describe(error);
        logger?.warn({ peer, method, url, reason }, 'peer call failed');
        throw new PeerUnavailableError(peer, reason === 'timed out' ? `no answer within ${timeoutMs} ms` : reason, { cause: error });
      }
      if (response.status >= 500) {
        logger?.warn({ peer, method, url, status: response.status }, 'peer answered with a server error');
        throw new PeerFailedError(peer, response.status);
      }
      return { status: response.status, ok: response.ok, body: body as T, headers: response.headers };
    },
  };
}
