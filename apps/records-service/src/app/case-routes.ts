import { conflict, idParam, notFound, paginationQuery, parseBody, parseParams, parseQuery, tenantOf } from '@factsway/shared-utils';
import type { Request, Router } from 'express';
import type { Pool } from 'pg';
import { createCaseBody, updateCaseBody } from './case-schema';
import { CaseStore } from './case-store';

const FOREIGN_KEY_VIOLATION = '23503';

/** `/api/cases`: the matters drafts belong to. */
export function registerCaseRoutes(router: Router, db: Pool): void {
  const cases = (req: Request) => new CaseStore(db, tenantOf(req));

  router.get('/api/cases', async (req, res) => {
    const pagination = parseQuery(paginationQuery, req);
    res.json(await cases(req).list(pagination));
  });

  router.post('/api/cases', async (req, res) => {
    // 200 with the stored case when a create with a client-chosen id is retried after it was stored.
    const { case: stored, created } = await cases(req).create(parseBody(createCaseBody, req));
    res.status(created ? 201 : 200).location(`/api/cases/${stored.id}`).json(stored);
  });

  router.get('/api/cases/:id', async (req, res) => {
    const { id } = parseParams(idParam, req);
    const found = await cases(req).get(id);
    if (!found) throw notFound(`No case ${id}`);
    res.json(found);
  });

  router.patch('/api/cases/:id', async (req, res) => {
    const { id } = parseParams(idParam, req);
    const updated = await cases(req).update(id, parseBody(updateCaseBody, req));
    if (!updated) throw notFound(`No case ${id}`);
    res.json(updated);
  });

  router.delete('/api/cases/:id', async (req, res) => {
    const { id } = parseParams(idParam, req);
    try {
      if (!(await cases(req).delete(id))) throw notFound(`No case ${id}`);
    } catch (error) {
      if ((error as { code?: string }).code === FOREIGN_KEY_VIOLATION) {
        throw conflict(`Case ${id} still has drafts; delete them first`);
      }
      throw error;
    }
    res.status(204).end();
  });
}
