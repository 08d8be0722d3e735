import type { Router } from 'express';
import { HttpError, idParam, notFound, parseBody, parseParams, parseQuery, tenantOf, type DatabaseServiceContext } from '@factsway/shared-utils';
import type { Pool } from 'pg';
import { assertDraftExists } from './draft-reference';
import { createFactBody, listFactsQuery, updateFactBody } from './fact-schemas';
import { deleteFact, findFact, insertFact, listFacts, updateFact } from './fact-store';
import { findSentence } from './sentence-store';

/** Facts CRUD: a fact is a span of a draft's text, optionally tied to one of its detected sentences; one firm's facts per token. */
export function registerFactRoutes(router: Router, { db, peers }: DatabaseServiceContext): void {
  router.post('/api/facts', async (req, res) => {
    const body = parseBody(createFactBody, req);
    const tenant = tenantOf(req);
    if (body.sentenceId) await assertSentenceOfDraft(db, tenant, body.sentenceId, body.draftId);
    await assertDraftExists(peers, body.draftId);
    const fact = await insertFact(db, tenant, { ...body, sentenceId: body.sentenceId ?? null });
    res.status(201).location(`/api/facts/${fact.id}`).json(fact);
  });

  router.get('/api/facts', async (req, res) => {
    const { draftId, limit, offset } = parseQuery(listFactsQuery, req);
    res.json(await listFacts(db, tenantOf(req), { draftId }, { limit, offset }));
  });

  router.get('/api/facts/:id', async (req, res) => {
    const { id } = parseParams(idParam, req);
    const fact = await findFact(db, tenantOf(req), id);
    if (!fact) throw notFound(`Fact ${id} does not exist`);
    res.json(fact);
  });

  router.patch('/api/facts/:id', async (req, res) => {
    const { id } = parseParams(idParam, req);
    const changes = parseBody(updateFactBody, req);
    const tenant = tenantOf(req);
    const current = await findFact(db, tenant, id);
    if (!current) throw notFound(`Fact ${id} does not exist`);
    const startOffset = changes.startOffset ?? current.startOffset;
    const endOffset = changes.endOffset ?? current.endOffset;
    if (endOffset < startOffset) {
      throw new HttpError(422, 'invalid_offsets', `endOffset ${endOffset} is before startOffset ${startOffset}`);
    }
    if (changes.sentenceId) await assertSentenceOfDraft(db, tenant, changes.sentenceId, current.draftId);
    const updated = await updateFact(db, tenant, id, changes);
    if (!updated) throw notFound(`Fact ${id} does not exist`);
    res.json(updated);
  });

  router.delete('/api/facts/:id', async (req, res) => {
    const { id } = parseParams(idParam, req);
    if (!(await deleteFact(db, tenantOf(req), id))) throw notFound(`Fact ${id} does not exist`);
    res.status(204).end();
  });

}

async function assertSentenceOfDraft(db: Pool, tenant: string, sentenceId: string, draftId: string): Promise<void> {
  const sentence = await findSentence(db, tenant, sentenceId);
  if (!sentence || sentence.draftId !== draftId) {
    throw new HttpError(422, 'sentence_not_found', `Sentence ${sentenceId} is not a stored sentence of draft ${draftId}`);
  }
}
