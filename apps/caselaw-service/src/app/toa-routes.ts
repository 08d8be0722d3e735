import type { Router } from 'express';
import { parseBody, type ServiceContext } from '@factsway/shared-utils';
import { tableOfAuthoritiesBody } from './caselaw-schemas';
import { fetchDraftText } from './draft-document';
import { buildTableOfAuthorities } from './table-of-authorities';

/** Table of authorities for a text, or for a draft's text fetched from records-service. */
export function registerTableOfAuthoritiesRoutes(router: Router, context: ServiceContext): void {
  const { peers } = context;

  router.post('/api/toa/generate', async (req, res) => {
    const body = parseBody(tableOfAuthoritiesBody, req);
    if (body.draftId) {
      const draft = await fetchDraftText(peers, body.draftId);
      res.json({ draftId: body.draftId, ...buildTableOfAuthorities(draft.text, draft.paragraphs) });
      return;
    }
    res.json(buildTableOfAuthorities(body.text as string));
  });
}
