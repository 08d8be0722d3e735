import type { Router } from 'express';
import { idParam, notFound, parseBody, parseParams, parseQuery, tenantOf, type DatabaseServiceContext } from '@factsway/shared-utils';
import {
  createEvidenceBody,
  factLinkParams,
  linkFactBody,
  listEvidenceQuery,
  updateEvidenceBody,
} from './evidence-schemas';
import {
  deleteEvidence,
  findEvidence,
  insertEvidence,
  linkFact,
  listEvidence,
  unlinkFact,
  updateEvidenceDescription,
} from './evidence-store';
import { assertFactExists } from './fact-reference';

/** Evidence CRUD and its links to facts (checked with facts-service, as the caller), one firm's evidence per token. */
export function registerEvidenceRoutes(router: Router, { db, peers }: DatabaseServiceContext): void {
  router.post('/api/evidence', async (req, res) => {
    const { description } = parseBody(createEvidenceBody, req);
    const evidence = await insertEvidence(db, tenantOf(req), description);
    res.status(201).location(`/api/evidence/${evidence.id}`).json(evidence);
  });

  router.get('/api/evidence', async (req, res) => {
    const { factId, limit, offset } = parseQuery(listEvidenceQuery, req);
    res.json(await listEvidence(db, tenantOf(req), { factId }, { limit, offset }));
  });

  router.get('/api/evidence/:id', async (req, res) => {
    const { id } = parseParams(idParam, req);
    const evidence = await findEvidence(db, tenantOf(req), id);
    if (!evidence) throw notFound(`Evidence ${id} does not exist`);
    res.json(evidence);
  });

  router.patch('/api/evidence/:id', async (req, res) => {
    const { id } = parseParams(idParam, req);
    const { description } = parseBody(updateEvidenceBody, req);
    const evidence = await updateEvidenceDescription(db, tenantOf(req), id, description);
    if (!evidence) throw notFound(`Evidence ${id} does not exist`);
    res.json(evidence);
  });

  router.delete('/api/evidence/:id', async (req, res) => {
    const { id } = parseParams(idParam, req);
    if (!(await deleteEvidence(db, tenantOf(req), id))) throw notFound(`Evidence ${id} does not exist`);
    res.status(204).end();
  });

  router.post('/api/evidence/:id/facts', async (req, res) => {
    const { id } = parseParams(idParam, req);
    const { factId } = parseBody(linkFactBody, req);
    if (!(await findEvidence(db, tenantOf(req), id))) throw notFound(`Evidence ${id} does not exist`);
    await assertFactExists(peers, factId);
    const linked = await linkFact(db, tenantOf(req), id, factId);
    if (!linked) throw notFound(`Evidence ${id} does not exist`);
    res.status(linked.added ? 201 : 200).json(linked.evidence);
  });

  router.delete('/api/evidence/:id/facts/:factId', async (req, res) => {
    const { id, factId } = parseParams(factLinkParams, req);
    const result = await unlinkFact(db, tenantOf(req), id, factId);
    if (!result) throw notFound(`Evidence ${id} does not exist`);
    if (!result.removed) throw notFound(`Fact ${factId} is not linked to evidence ${id}`);
    res.status(204).end();
  });

}
