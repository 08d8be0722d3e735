import type { Router } from 'express';
import { notFound, paginationQuery, parseParams, parseQuery, type DatabaseServiceContext } from '@factsway/shared-utils';
import { labelParam } from './evidence-schemas';
import { type Evidence, findEvidenceByLabel, listEvidence } from './evidence-store';

function asExhibit(evidence: Evidence) {
  return { label: evidence.label, evidence };
}

/** The exhibit list: labels in order, each with its evidence. Deleted labels leave gaps. */
export function registerExhibitRoutes(router: Router, { db }: DatabaseServiceContext): void {
  router.get('/api/exhibits', async (req, res) => {
    const { limit, offset } = parseQuery(paginationQuery, req);
    const evidence = await listEvidence(db, {}, { limit, offset });
    res.json({ ...evidence, items: evidence.items.map(asExhibit) });
  });

  router.get('/api/exhibits/:label', async (req, res) => {
    const { label } = parseParams(labelParam, req);
    const evidence = await findEvidenceByLabel(db, label);
    if (!evidence) throw notFound(`Exhibit ${label} does not exist`);
    res.json(asExhibit(evidence));
  });

}
