import type { Router } from 'express';
import type { Pool } from 'pg';
import { z } from 'zod';
import { templateLinesSchema } from '@factsway/line-templates';
import { conflict, idParam, notFound, paginationQuery, parseBody, parseParams, parseQuery } from '@factsway/shared-utils';
import { SIGNATURE_PLACEHOLDERS } from './signature-data';
import {
  deleteSignatureTemplate,
  findSignatureTemplate,
  insertSignatureTemplate,
  listSignatureTemplates,
  replaceSignatureTemplate,
  type SignatureTemplate,
  type SignatureTemplateInput,
} from './signature-template-store';

/** A signature template: a name, an optional jurisdiction to find it by, and its lines with placeholders. */
export const signatureTemplateBody = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  jurisdiction: z.string().trim().min(1).max(200).nullish(),
  lines: templateLinesSchema(SIGNATURE_PLACEHOLDERS),
});

const listQuery = paginationQuery.extend({ jurisdiction: z.string().trim().min(1).max(200).optional() });

const BASE = '/api/signature/templates';

/** CRUD for `signature_templates`. PUT replaces the whole template. */
export function registerSignatureTemplateRoutes(router: Router, db: Pool): void {
  router.post(BASE, async (req, res) => {
    const input = parseBody(signatureTemplateBody, req);
    const template = await uniqueName(input, () => insertSignatureTemplate(db, input));
    res.status(201).location(`${BASE}/${template.id}`).json(template);
  });

  router.get(BASE, async (req, res) => {
    const query = parseQuery(listQuery, req);
    const { items, total } = await listSignatureTemplates(db, query);
    res.json({ items, total, limit: query.limit, offset: query.offset });
  });

  router.get(`${BASE}/:id`, async (req, res) => {
    const { id } = parseParams(idParam, req);
    res.json(await findSignatureTemplateOrNotFound(db, id));
  });

  router.put(`${BASE}/:id`, async (req, res) => {
    const { id } = parseParams(idParam, req);
    const input = parseBody(signatureTemplateBody, req);
    const template = await uniqueName(input, () => replaceSignatureTemplate(db, id, input));
    if (!template) throw notFound(`signature template ${id} not found`);
    res.json(template);
  });

  router.delete(`${BASE}/:id`, async (req, res) => {
    const { id } = parseParams(idParam, req);
    if (!(await deleteSignatureTemplate(db, id))) throw notFound(`signature template ${id} not found`);
    res.status(204).end();
  });
}

export async function findSignatureTemplateOrNotFound(db: Pool, id: string): Promise<SignatureTemplate> {
  const template = await findSignatureTemplate(db, id);
  if (!template) throw notFound(`signature template ${id} not found`);
  return template;
}

async function uniqueName<T>(input: SignatureTemplateInput, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw conflict(`a signature template named "${input.name}" already exists`);
    throw error;
  }
}
