import { HttpError, notFound, PeerFailedError, type PeerClient } from '@factsway/shared-utils';
import { recordsCaseSchema, type RecordsCase } from './records-case';

/** How long a caller waits for records-service before answering 503. */
export const RECORDS_TIMEOUT_MS = 3000;

/**
 * Reads a case from records-service over HTTP (`peers.request('records', ...)`).
 * Unknown case: 404 to the caller. Records down or slow: 503 (`peer_unavailable`);
 * records failing or answering something that is not a case: 502.
 */
export async function fetchCase(peers: PeerClient, caseId: string): Promise<RecordsCase> {
  const response = await peers.request('records', `/api/cases/${encodeURIComponent(caseId)}`, { timeoutMs: RECORDS_TIMEOUT_MS });
  if (response.status === 404) throw notFound(`case ${caseId} not found in records-service`);
  if (!response.ok) throw new PeerFailedError('records', response.status);
  const parsed = recordsCaseSchema.safeParse(response.body);
  if (!parsed.success) {
    throw new HttpError(502, 'peer_failed', `records-service answered GET /api/cases/${caseId} with something that is not a case`);
  }
  return parsed.data;
}
