import type { Router } from 'express';
import { parseBody, parseQuery, tenantOf, withTransaction, type DatabaseServiceContext } from '@factsway/shared-utils';
import { assertDraftExists } from './draft-reference';
import { detectSentencesBody, draftSentencesQuery } from './fact-schemas';
import { listSentences, replaceSentences } from './sentence-store';
import { splitSentences } from './sentence-splitter';

/** Sentence detection and a draft's stored sentences (of the caller's firm: records-service confirms the draft is its). */
export function registerSentenceRoutes(router: Router, { db, peers }: DatabaseServiceContext): void {
  router.post('/api/facts/detect-sentences', async (req, res) => {
    const { text, draftId } = parseBody(detectSentencesBody, req);
    const sentences = splitSentences(text);
    if (!draftId) {
      res.json({ sentences, stored: false });
      return;
    }
    await assertDraftExists(peers, draftId);
    const stored = await withTransaction(db, (client) => replaceSentences(client, tenantOf(req), draftId, sentences));
    res.status(201).json({ sentences: stored, stored: true, draftId });
  });

  router.get('/api/facts/sentences', async (req, res) => {
    const { draftId, limit, offset } = parseQuery(draftSentencesQuery, req);
    res.json(await listSentences(db, tenantOf(req), draftId, { limit, offset }));
  });

}
