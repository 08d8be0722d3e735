import type { Router } from 'express';
import { z } from 'zod';
import { findTemplateOrNotFound, type TemplateStore } from '@factsway/line-templates';
import { fetchCase, partiesOnSide } from '@factsway/records-client';
import { parseBody, tenantOf, ulidString, validationError, type PeerClient } from '@factsway/shared-utils';
import { caseDataSchema, type CaseData } from './case-data';
import { extractCaption } from './caption-extractor';
import { formatCaption } from './caption-formatter';
import { DEFAULT_CAPTION_LAYOUT } from './caption-layout';
import type { CaptionTemplate, CaptionTemplateInput } from './caption-templates';

/** Case data, all optional here: with a `caseId` the case fills what the request leaves out. */
const formatBody = caseDataSchema.partial().extend({
  templateId: ulidString.optional(),
  caseId: ulidString.optional(),
});

const extractBody = z.strictObject({
  text: z.string().max(100_000).refine((text) => text.trim().length > 0, 'must not be empty'),
});

/** `POST /api/caseblock/format` (case data -> caption lines) and `POST /api/caseblock/extract` (text -> case data). */
export function registerCaptionRoutes(
  router: Router,
  /** The store of one firm's templates: a request reads its caller's only. */
  templates: (tenant: string) => TemplateStore<CaptionTemplateInput, CaptionTemplate>,
  peers: PeerClient,
): void {
  router.post('/api/caseblock/format', async (req, res) => {
    const { templateId, caseId, ...given } = parseBody(formatBody, req);
    const template = templateId ? await findTemplateOrNotFound(templates(tenantOf(req)), templateId) : null;
    const caseData = await resolveCaseData(given, caseId, peers);
    const lines = formatCaption(caseData, template ?? DEFAULT_CAPTION_LAYOUT);
    res.json({ lines, text: lines.join('\n'), templateId: template?.id ?? null, caseId: caseId ?? null, case: caseData });
  });

  router.post('/api/caseblock/extract', (req, res) => {
    const { text } = parseBody(extractBody, req);
    res.json(extractCaption(text));
  });
}

/** The request's fields win over the case's; what is still missing is a 400 naming the field. */
async function resolveCaseData(given: Partial<CaseData>, caseId: string | undefined, peers: PeerClient): Promise<CaseData> {
  let fromCase: Partial<CaseData> = {};
  if (caseId) {
    const recordsCase = await fetchCase(peers, caseId);
    fromCase = {
      court: recordsCase.court ?? undefined,
      caseNumber: recordsCase.caseNumber ?? undefined,
      plaintiffs: nonEmpty(partiesOnSide(recordsCase, 'plaintiff')),
      defendants: nonEmpty(partiesOnSide(recordsCase, 'defendant')),
    };
  }
  const merged = { ...dropUndefined(fromCase), ...dropUndefined(given) };
  const parsed = caseDataSchema.safeParse(merged);
  if (!parsed.success) {
    const where = caseId ? ` (neither in the request nor in case ${caseId})` : '';
    throw validationError('body', new z.ZodError(parsed.error.issues.map((issue) => ({ ...issue, message: issue.message + where }))));
  }
  return parsed.data;
}

function nonEmpty(list: string[]): string[] | undefined {
  return list.length > 0 ? list : undefined;
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
