import type { Router } from 'express';
import { findTemplateOrNotFound, type TemplateStore } from '@factsway/line-templates';
import { fetchCase, partiesOnSide } from '@factsway/records-client';
import { parseBody, tenantOf, ulidString, type PeerClient } from '@factsway/shared-utils';
import { attorneySchema } from './signature-data';
import { DEFAULT_SIGNATURE_LINES, formatSignature, roleOf, type CaseParties } from './signature-formatter';
import type { SignatureTemplate, SignatureTemplateInput } from './signature-templates';

const formatBody = attorneySchema.extend({
  templateId: ulidString.optional(),
  caseId: ulidString.optional(),
});

/** `POST /api/signature/format`: attorney and firm data (and optionally a case) -> signature block lines. */
export function registerSignatureRoutes(
  router: Router,
  /** The store of one firm's templates: a request reads its caller's only. */
  templates: (tenant: string) => TemplateStore<SignatureTemplateInput, SignatureTemplate>,
  peers: PeerClient,
): void {
  router.post('/api/signature/format', async (req, res) => {
    const { templateId, caseId, ...attorney } = parseBody(formatBody, req);
    const template = templateId ? await findTemplateOrNotFound(templates(tenantOf(req)), templateId) : null;
    let caseParties: CaseParties | undefined;
    if (caseId) {
      const recordsCase = await fetchCase(peers, caseId);
      caseParties = {
        caseNumber: recordsCase.caseNumber ?? undefined,
        plaintiffs: partiesOnSide(recordsCase, 'plaintiff'),
        defendants: partiesOnSide(recordsCase, 'defendant'),
      };
    }
    const lines = formatSignature(attorney, template?.lines ?? DEFAULT_SIGNATURE_LINES, caseParties);
    res.json({
      lines,
      text: lines.join('\n'),
      role: roleOf(attorney, caseParties) ?? null,
      templateId: template?.id ?? null,
      caseId: caseId ?? null,
    });
  });
}
