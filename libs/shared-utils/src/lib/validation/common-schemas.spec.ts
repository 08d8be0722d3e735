import type { Request } from 'express';
import { z } from 'zod';
import { HttpError } from '../errors/http-error';
import { newId } from '../ids/new-id';
import { idParam, paginationQuery, ulidString } from './common-schemas';
import { parseBody, parseParams, parseQuery } from './parse-request';

const req = (parts: Partial<Pick<Request, 'body' | 'params' | 'query'>>) => parts as Request;

function failure(run: () => unknown): HttpError {
  try {
    run();
  } catch (error) {
    return error as HttpError;
  }
  throw new Error('expected a validation failure');
}

describe('idParam', () => {
  it('accepts a ULID and normalises it to upper case', () => {
    const id = newId();
    expect(parseParams(idParam, req({ params: { id: id.toLowerCase() } }))).toEqual({ id });
  });

  it.each(['123', 'not-a-ulid', '8ZZZZZZZZZZZZZZZZZZZZZZZZZ', '01J9ZQ3V7K8M4N5P6Q7R8S9T0I'])('rejects %s with a 400 naming params.id', (id) => {
    const error = failure(() => parseParams(idParam, req({ params: { id } })));
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(error.message).toMatch(/^params\.id: must be a ULID/);
  });

  it('composes for other id fields', () => {
    const schema = z.object({ caseId: ulidString });
    expect(failure(() => parseParams(schema, req({ params: { caseId: 'x' } }))).message).toMatch(/^params\.caseId/);
  });
});

describe('paginationQuery', () => {
  it('defaults to limit 20, offset 0', () => {
    expect(parseQuery(paginationQuery, req({ query: {} }))).toEqual({ limit: 20, offset: 0 });
  });

  it('parses valid values', () => {
    expect(parseQuery(paginationQuery, req({ query: { limit: '100', offset: '40' } }))).toEqual({ limit: 100, offset: 40 });
  });

  it.each([
    [{ limit: '0' }, 'query.limit'],
    [{ limit: '101' }, 'query.limit'],
    [{ limit: '2.5' }, 'query.limit'],
    [{ limit: '' }, 'query.limit'],
    [{ limit: ['1', '2'] }, 'query.limit'],
    [{ offset: '-1' }, 'query.offset'],
  ])('rejects %j naming %s', (query, field) => {
    const error = failure(() => parseQuery(paginationQuery, req({ query: query as Request['query'] })));
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(error.message.startsWith(field)).toBe(true);
  });
});

describe('parseBody', () => {
  const schema = z.object({ title: z.string().min(1), parties: z.array(z.object({ name: z.string() })) });

  it('returns the parsed body', () => {
    expect(parseBody(schema, req({ body: { title: 'Doe', parties: [] } }))).toEqual({ title: 'Doe', parties: [] });
  });

  it('lists every bad field with its path', () => {
    const error = failure(() => parseBody(schema, req({ body: { title: '', parties: [{ name: 3 }] } })));
    expect(error.details).toEqual({
      issues: [
        { field: 'body.title', message: expect.any(String) },
        { field: 'body.parties.0.name', message: expect.any(String) },
      ],
    });
  });

  it('rejects a missing body as a validation failure, not a crash', () => {
    expect(failure(() => parseBody(schema, req({ body: undefined })))).toMatchObject({ status: 400, code: 'validation_failed' });
  });
});
