import { documentSchema } from '@factsway/document-model';
import { HttpError, type PeerClient } from '@factsway/shared-utils';
import type { ParagraphSpan } from './table-of-authorities';

/** A draft's text as one string, with where each of its paragraphs (and headings) starts and ends. */
export interface DraftText {
  text: string;
  paragraphs: ParagraphSpan[];
}

/**
 * Drafts belong to records-service, this service's catalog peer: fetch one over HTTP.
 * An unknown draft is the caller's mistake (422); records being down is a 503 and a 5xx
 * from it a 502 (both raised by the peer client).
 */
export async function fetchDraftText(peers: PeerClient, draftId: string): Promise<DraftText> {
  return draftText((await fetchDraft(peers, draftId)).content);
}

/** Only checks that records-service knows the draft (422 when it does not). */
export async function assertDraftExists(peers: PeerClient, draftId: string): Promise<void> {
  await fetchDraft(peers, draftId);
}

async function fetchDraft(peers: PeerClient, draftId: string): Promise<{ content?: unknown }> {
  const response = await peers.request<{ content?: unknown }>('records', `/api/drafts/${encodeURIComponent(draftId)}`);
  if (response.status === 404) {
    throw new HttpError(422, 'draft_not_found', `Draft ${draftId} does not exist in records-service`);
  }
  if (!response.ok) {
    throw new HttpError(502, 'peer_failed', `records-service answered ${response.status} when asked for draft ${draftId}`);
  }
  return response.body ?? {};
}

/** Headings and paragraphs one per line, in document order. A draft without content has no text. */
export function draftText(content: unknown): DraftText {
  if (content === undefined || content === null || (typeof content === 'object' && Object.keys(content).length === 0)) {
    return { text: '', paragraphs: [] };
  }
  const parsed = documentSchema.safeParse(content);
  if (!parsed.success) {
    throw new HttpError(502, 'peer_failed', 'records-service returned a draft whose content is not a FACTSWAY document');
  }
  const pieces: { id: string; text: string }[] = [];
  for (const section of parsed.data.sections) {
    if (section.heading) pieces.push({ id: section.id, text: section.heading.text });
    for (const paragraph of section.paragraphs) pieces.push(paragraph);
  }
  const paragraphs: ParagraphSpan[] = [];
  let text = '';
  for (const piece of pieces) {
    if (text) text += '\n';
    paragraphs.push({ id: piece.id, start: text.length, end: text.length + piece.text.length });
    text += piece.text;
  }
  return { text, paragraphs };
}
