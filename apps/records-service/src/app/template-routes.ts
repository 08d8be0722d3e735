import { idParam, notFound, paginationQuery, parseBody, parseParams, parseQuery, tenantOf } from '@factsway/shared-utils';
import type { Request, Router } from 'express';
import type { Pool } from 'pg';
import { createTemplateBody, updateTemplateBody } from './template-schema';
import { TemplateStore } from './template-store';

/** `/api/templates`: document templates that drafts start from. */
export function registerTemplateRoutes(router: Router, db: Pool): void {
  const templates = (req: Request) => new TemplateStore(db, tenantOf(req));

  router.get('/api/templates', async (req, res) => {
    const pagination = parseQuery(paginationQuery, req);
    res.json(await templates(req).list(pagination));
  });

  router.post('/api/templates', async (req, res) => {
    const template = await templates(req).create(parseBody(createTemplateBody, req));
    res.status(201).location(`/api/templates/${template.id}`).json(template);
  });

  router.get('/api/templates/:id', async (req, res) => {
    const { id } = parseParams(idParam, req);
    const template = await templates(req).get(id);
    if (!template) throw notFound(`No template ${id}`);
    res.json(template);
  });

  router.patch('/api/templates/:id', async (req, res) => {
    const { id } = parseParams(idParam, req);
    const template = await templates(req).update(id, parseBody(updateTemplateBody, req));
    if (!template) throw notFound(`No template ${id}`);
    res.json(template);
  });

  router.delete('/api/templates/:id', async (req, res) => {
    const { id } = parseParams(idParam, req);
    if (!(await templates(req).delete(id))) throw notFound(`No template ${id}`);
    res.status(204).end();
  });
}
