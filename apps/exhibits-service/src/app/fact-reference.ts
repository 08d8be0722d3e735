import { HttpError, type PeerClient } from '@factsway/shared-utils';

/**
 * Facts belong to facts-service, this service's catalog peer: ask it over HTTP.
 * An unknown fact is the caller's mistake (422); facts-service being down is a 503
 * and a 5xx from it a 502 (both raised by the peer client).
 */
export async function assertFactExists(peers: PeerClient, factId: string): Promise<void> {
  const response = await peers.request('facts', `/api/facts/${encodeURIComponent(factId)}`);
  if (response.status === 404) {
    throw new HttpError(422, 'fact_not_found', `Fact ${factId} does not exist in facts-service`);
  }
  if (!response.ok) {
    throw new HttpError(502, 'peer_failed', `facts-service answered ${response.status} when asked for fact ${factId}`);
  }
}
