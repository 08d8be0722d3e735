import type { Router } from 'express';
import { parseBody, parseQuery, tenantOf, withTransaction, type DatabaseServiceContext } from '@factsway/shared-utils';
import { groupByAuthority } from './authority-listing';
import { ensureAuthority } from './authority-store';
import { citationParts, detectCitationsBody, draftCitationsQuery } from './caselaw-schemas';
import { detectCitations } from './citation-detector';
import { formatCitation } from './citation-formatter';
import { formatParts } from './citation-parsing';
import { type CitationToStore, listDraftCitations, replaceDraftCitations } from './citation-store';
import type { Citation } from './citation-types';
import { assertDraftExists } from './draft-document';

/** Each detected citation with its Bluebook form (pin cite included). */
function withBluebook(citation: Citation) {
  return { ...citation, bluebook: formatCitation(citation).citation };
}

/** Citation detection and formatting, and the citations stored for a draft of the caller's firm. */
export function registerCitationRoutes(router: Router, { db, peers }: DatabaseServiceContext): void {
  router.post('/api/citations/detect', async (req, res) => {
    const { text, draftId } = parseBody(detectCitationsBody, req);
    const citations = detectCitations(text);
    if (!draftId) {
      res.json({ citations: citations.map(withBluebook), stored: false });
      return;
    }
    await assertDraftExists(peers, draftId);
    const tenant = tenantOf(req);
    const { owners, listings } = groupByAuthority(citations);
    const stored = await withTransaction(db, async (client) => {
      const authorityIds = new Map<number, string>();
      // Upsert in citation order so that concurrent transactions lock authorities in the same order.
      for (const [owner, listing] of [...listings].sort((a, b) => a[1].citation.localeCompare(b[1].citation))) {
        authorityIds.set(owner, await ensureAuthority(client, tenant, listing));
      }
      const rows: CitationToStore[] = citations.flatMap((citation, index) =>
        owners[index] === -1
          ? []
          : [{ authorityId: authorityIds.get(owners[index]) as string, text: citation.text, start: citation.start, end: citation.end }],
      );
      return replaceDraftCitations(client, tenant, draftId, rows);
    });
    res.status(201).json({ citations: citations.map(withBluebook), stored: true, draftId, storedCitations: stored });
  });

  router.post('/api/citations/format', (req, res) => {
    const parts = parseBody(citationParts, req);
    res.json(formatParts(parts));
  });

  router.get('/api/citations', async (req, res) => {
    const { draftId, limit, offset } = parseQuery(draftCitationsQuery, req);
    res.json(await listDraftCitations(db, tenantOf(req), draftId, { limit, offset }));
  });
}
