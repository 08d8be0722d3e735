import { HttpError, type PeerClient } from '@factsway/shared-utils';

/**
 * Drafts belong to records-service, this service's catalog peer: ask it over HTTP.
 * An unknown draft is the caller's mistake (422); records being down is a 503 and
 * a 5xx from it a 502 (both raised by the peer client).
 */
export async function assertDraftExists(peers: PeerClient, draftId: string): Promise<void> {
  const response = await peers.request('records', `/api/drafts/${encodeURIComponent(draftId)}`);
  if (response.status === 404) {
    throw new HttpError(422, 'draft_not_found', `Draft ${draftId} does not exist in records-service`);
  }
  if (!response.ok) {
    throw new HttpError(502, 'peer_failed', `records-service answered ${response.status} when asked for draft ${draftId}`);
  }
}
