import type { Router } from 'express';
import type { Pool } from 'pg';
import { z } from 'zod';
import { conflict, idParam, notFound, paginationQuery, parseBody, parseParams, parseQuery } from '@factsway/shared-utils';
import { captionLayoutSchema } from './caption-layout';
import {
  deleteCaptionTemplate,
  findCaptionTemplate,
  insertCaptionTemplate,
  listCaptionTemplates,
  replaceCaptionTemplate,
  type CaptionTemplateInput,
} from './caption-template-store';

const optionalText = z.string().trim().min(1).max(200).nullish();

/** A caption template: a name, optional court/jurisdiction to find it by, and its layout. */
export const captionTemplateBody = captionLayoutSchema.extend({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  court: optionalText,
  jurisdiction: optionalText,
});

const listQuery = paginationQuery.extend({ jurisdiction: z.string().trim().min(1).max(200).optional() });

const BASE = '/api/caseblock/templates';

/** CRUD for `caption_templates`. PUT replaces the whole template (omitted layout fields take their defaults). */
export function registerCaptionTemplateRoutes(router: Router, db: Pool): void {
  router.post(BASE, async (req, res) => {
    const input = parseBody(captionTemplateBody, req);
    const template = await uniqueName(input, () => insertCaptionTemplate(db, input));
    res.status(201).location(`${BASE}/${template.id}`).json(template);
  });

  router.get(BASE, async (req, res) => {
    const query = parseQuery(listQuery, req);
    const { items, total } = await listCaptionTemplates(db, query);
    res.json({ items, total, limit: query.limit, offset: query.offset });
  });

  router.get(`${BASE}/:id`, async (req, res) => {
    const { id } = parseParams(idParam, req);
    res.json(await findOrNotFound(db, id));
  });

  router.put(`${BASE}/:id`, async (req, res) => {
    const { id } = parseParams(idParam, req);
    const input = parseBody(captionTemplateBody, req);
    const template = await uniqueName(input, () => replaceCaptionTemplate(db, id, input));
    if (!template) throw notFound(`caption template ${id} not found`);
    res.json(template);
  });

  router.delete(`${BASE}/:id`, async (req, res) => {
    const { id } = parseParams(idParam, req);
    if (!(await deleteCaptionTemplate(db, id))) throw notFound(`caption template ${id} not found`);
    res.status(204).end();
  });
}

export async function findOrNotFound(db: Pool, id: string) {
  const template = await findCaptionTemplate(db, id);
  if (!template) throw notFound(`caption template ${id} not found`);
  return template;
}

async function uniqueName<T>(input: CaptionTemplateInput, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw conflict(`a caption template named "${input.name}" already exists`);
    throw error;
  }
}
