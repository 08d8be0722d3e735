import type { Request, Router } from 'express';
import { z } from 'zod';
import { conflict, idParam, notFound, paginationQuery, parseBody, parseParams, parseQuery, tenantOf } from '@factsway/shared-utils';
import type { TemplateStore } from './template-store';

/** The fields every stored template's body has: its unique name and the jurisdiction to find it by. */
export const templateBodyFields = {
  name: z.string().trim().min(1, 'must not be empty').max(200),
  jurisdiction: z.string().trim().min(1).max(200).nullish(),
};

const listQuery = paginationQuery.extend({ jurisdiction: z.string().trim().min(1).max(200).optional() });

export interface TemplateRoutesOptions<Input extends { name: string }, Template extends { id: string }> {
  /** e.g. `/api/caseblock/templates` */
  basePath: string;
  /** The body of POST and of PUT, which replaces the whole template. */
  body: z.ZodType<Input>;
  /** The store of one firm's templates (`templateStore(db, table, tenant)`); each request uses its caller's. */
  storeFor: (tenant: string) => TemplateStore<Input, Template>;
}

/**
 * CRUD for stored templates: `POST` (201 + Location), `GET` (a page, `?jurisdiction=`), `GET /:id`,
 * `PUT /:id` (replaces the whole template) and `DELETE /:id`. A name the caller's firm already
 * uses is a 409; another firm's template answers 404 like a missing one.
 */
export function registerTemplateRoutes<Input extends { name: string }, Template extends { id: string }>(
  router: Router,
  { basePath, body, storeFor }: TemplateRoutesOptions<Input, Template>,
): void {
  const storeOf = (req: Request) => storeFor(tenantOf(req));

  router.post(basePath, async (req, res) => {
    const store = storeOf(req);
    const input = parseBody(body, req);
    const template = await uniqueName(store.noun, input, () => store.insert(input));
    res.status(201).location(`${basePath}/${template.id}`).json(template);
  });

  router.get(basePath, async (req, res) => {
    const { jurisdiction, ...pagination } = parseQuery(listQuery, req);
    res.json(await storeOf(req).list({ jurisdiction }, pagination));
  });

  router.get(`${basePath}/:id`, async (req, res) => {
    const { id } = parseParams(idParam, req);
    res.json(await findTemplateOrNotFound(storeOf(req), id));
  });

  router.put(`${basePath}/:id`, async (req, res) => {
    const store = storeOf(req);
    const { id } = parseParams(idParam, req);
    const input = parseBody(body, req);
    const template = await uniqueName(store.noun, input, () => store.replace(id, input));
    if (!template) throw notFound(`${store.noun} ${id} not found`);
    res.json(template);
  });

  router.delete(`${basePath}/:id`, async (req, res) => {
    const store = storeOf(req);
    const { id } = parseParams(idParam, req);
    if (!(await store.delete(id))) throw notFound(`${store.noun} ${id} not found`);
    res.status(204).end();
  });
}

/** The template, or a 404 naming it (for routes that format with a stored template). */
export async function findTemplateOrNotFound<Template>(store: TemplateStore<unknown, Template>, id: string): Promise<Template> {
  const template = await store.find(id);
  if (!template) throw notFound(`${store.noun} ${id} not found`);
  return template;
}

async function uniqueName<T>(noun: string, input: { name: string }, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw conflict(`a ${noun} named "${input.name}" already exists`);
    throw error;
  }
}
