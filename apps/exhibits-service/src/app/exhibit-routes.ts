import type { Router } from 'express';
import { notFound, paginationQuery, parseParams, parseQuery, tenantOf, type DatabaseServiceContext } from '@factsway/shared-utils';
import { labelParam } from './evidence-schemas';
import { type Evidence, findEvidenceByLabel, listEvidence } from './evidence-store';

function asExhibit(evidence: Evidence) {
  return { label: evidence.label, evidence };
}

/** The caller's firm's exhibit list: labels in order (from A for each firm), each with its evidence. Deleted labels leave gaps. */
export function registerExhibitRoutes(router: Router, { db }: DatabaseServiceContext): void {
  router.get('/api/exhibits', async (req, res) => {
    const { limit, offset } = parseQuery(paginationQuery, req);
    const evidence = await listEvidence(db, tenantOf(req), {}, { limit, offset });
    res.json({ ...evidence, items: evidence.items.map(asExhibit) });
  });

  router.get('/api/exhibits/:label', async (req, res) => {
    const { label } = parseParams(labelParam, req);
    const evidence = await findEvidenceByLabel(db, tenantOf(req), label);
    if (!evidence) throw notFound(`Exhibit ${label} does not exist`);
    res.json(asExhibit(evidence));
  });

}
