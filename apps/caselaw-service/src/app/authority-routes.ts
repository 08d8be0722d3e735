import type { Router } from 'express';
import { conflict, idParam, notFound, parseBody, parseParams, parseQuery, tenantOf, type DatabaseServiceContext } from '@factsway/shared-utils';
import { deleteAuthority, findAuthority, insertAuthority, listAuthorities, renameAuthority } from './authority-store';
import { createAuthorityBody, listAuthoritiesQuery, updateAuthorityBody } from './caselaw-schemas';
import { listingFromParts, listingFromText } from './citation-parsing';

/** Authorities CRUD: each authority once per firm, under its normalised (Bluebook, pin-less) citation. */
export function registerAuthorityRoutes(router: Router, { db }: DatabaseServiceContext): void {
  router.post('/api/authorities', async (req, res) => {
    const body = parseBody(createAuthorityBody, req);
    const listing = body.parts ? listingFromParts(body.parts) : listingFromText(body.citation as string);
    const result = await insertAuthority(db, tenantOf(req), { ...listing, name: body.name ?? listing.name });
    if ('existing' in result) {
      throw conflict(`Authority ${result.existing.citation} already exists`, { id: result.existing.id });
    }
    res.status(201).location(`/api/authorities/${result.created.id}`).json(result.created);
  });

  router.get('/api/authorities', async (req, res) => {
    const { kind, q, limit, offset } = parseQuery(listAuthoritiesQuery, req);
    res.json(await listAuthorities(db, tenantOf(req), { kind, search: q }, { limit, offset }));
  });

  router.get('/api/authorities/:id', async (req, res) => {
    const { id } = parseParams(idParam, req);
    const authority = await findAuthority(db, tenantOf(req), id);
    if (!authority) throw notFound(`Authority ${id} does not exist`);
    res.json(authority);
  });

  router.patch('/api/authorities/:id', async (req, res) => {
    const { id } = parseParams(idParam, req);
    const { name } = parseBody(updateAuthorityBody, req);
    const authority = await renameAuthority(db, tenantOf(req), id, name);
    if (!authority) throw notFound(`Authority ${id} does not exist`);
    res.json(authority);
  });

  router.delete('/api/authorities/:id', async (req, res) => {
    const { id } = parseParams(idParam, req);
    if (!(await deleteAuthority(db, tenantOf(req), id))) throw notFound(`Authority ${id} does not exist`);
    res.status(204).end();
  });
}
