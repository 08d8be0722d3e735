import {
  conflict,
  notFound,
  paginationQuery,
  parseBody,
  parseParams,
  parseQuery,
  tenantOf,
  unprocessable,
} from '@factsway/shared-utils';
import type { Request, Response, Router } from 'express';
import type { Pool } from 'pg';
import { CaseStore } from './case-store';
import {
  caseDraftsParams,
  createDraftBody,
  draftParams,
  draftVersionParams,
  expectedVersionBody,
  updateDraftBody,
  type Draft,
} from './draft-schema';
import { DraftStore, type DraftChangeResult } from './draft-store';
import { etag, expectedVersion } from './expected-version';

function sendDraft(res: Response, draft: Draft, status = 200): void {
  res.status(status).set('ETag', etag(draft.version)).json(draft);
}

/** Turns a refused change into the HTTP error the client should see. */
function refusal(id: string, result: Exclude<DraftChangeResult, { outcome: 'changed' }>): Error {
  if (result.outcome === 'missing') return notFound(`No draft ${id}`);
  return conflict(
    `Draft ${id} is at version ${result.currentVersion}; reload it and apply your change to that version`,
    { currentVersion: result.currentVersion },
  );
}

/**
 * `/api/drafts`: documents being written for a case, with version history.
 * Changes name the version they are based on (`If-Match` or `version`); a stale one is a 409.
 */
export function registerDraftRoutes(router: Router, db: Pool): void {
  const drafts = (req: Request) => new DraftStore(db, tenantOf(req));
  const cases = (req: Request) => new CaseStore(db, tenantOf(req));

  router.get('/api/drafts', async (req, res) => {
    const pagination = parseQuery(paginationQuery, req);
    res.json(await drafts(req).list(pagination));
  });

  router.get('/api/drafts/case/:caseId', async (req, res) => {
    const { caseId } = parseParams(caseDraftsParams, req);
    const pagination = parseQuery(paginationQuery, req);
    if (!(await cases(req).exists(caseId))) throw notFound(`No case ${caseId}`);
    res.json(await drafts(req).listByCase(caseId, pagination));
  });

  router.post('/api/drafts', async (req, res) => {
    const input = parseBody(createDraftBody, req);
    const result = await drafts(req).create(input);
    if (result.outcome === 'unknown-case') throw unprocessable(`body.caseId: no case ${input.caseId}`);
    if (result.outcome === 'unknown-template') throw unprocessable(`body.templateId: no template ${input.templateId}`);
    res.location(`/api/drafts/${result.draft.id}`);
    sendDraft(res, result.draft, 201);
  });

  router.get('/api/drafts/:id', async (req, res) => {
    const { id } = parseParams(draftParams, req);
    const draft = await drafts(req).get(id);
    if (!draft) throw notFound(`No draft ${id}`);
    sendDraft(res, draft);
  });

  router.patch('/api/drafts/:id', async (req, res) => {
    const { id } = parseParams(draftParams, req);
    const { version, ...changes } = parseBody(updateDraftBody, req);
    const expected = expectedVersion(req, version, true) as number;
    const result = await drafts(req).update(id, expected, changes);
    if (result.outcome === 'unknown-template') throw unprocessable(`body.templateId: no template ${changes.templateId}`);
    if (result.outcome !== 'changed') throw refusal(id, result);
    sendDraft(res, result.draft);
  });

  router.delete('/api/drafts/:id', async (req, res) => {
    const { id } = parseParams(draftParams, req);
    const body = parseBody(expectedVersionBody, req);
    const result = await drafts(req).delete(id, expectedVersion(req, body?.version, false));
    if (result.outcome !== 'deleted') throw refusal(id, result as Exclude<DraftChangeResult, { outcome: 'changed' }>);
    res.status(204).end();
  });

  router.get('/api/drafts/:id/versions', async (req, res) => {
    const { id } = parseParams(draftParams, req);
    const pagination = parseQuery(paginationQuery, req);
    const versions = await drafts(req).versions(id, pagination);
    if (!versions) throw notFound(`No draft ${id}`);
    res.json(versions);
  });

  router.get('/api/drafts/:id/versions/:version', async (req, res) => {
    const { id, version } = parseParams(draftVersionParams, req);
    const found = await drafts(req).version(id, version);
    if (!found) throw notFound(`No version ${version} of draft ${id}`);
    res.json(found);
  });

  router.post('/api/drafts/:id/restore/:version', async (req, res) => {
    const { id, version } = parseParams(draftVersionParams, req);
    const body = parseBody(expectedVersionBody, req);
    const result = await drafts(req).restore(id, version, expectedVersion(req, body?.version, false));
    if (result.outcome === 'missing-version') throw notFound(`No version ${version} of draft ${id}`);
    if (result.outcome !== 'changed') throw refusal(id, result);
    sendDraft(res, result.draft);
  });
}
