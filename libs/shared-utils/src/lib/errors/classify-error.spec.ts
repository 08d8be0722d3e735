import { z } from 'zod';
import { classifyError } from './classify-error';
import { conflict, HttpError } from './http-error';

describe('classifyError', () => {
  it('keeps HttpErrors as they are, with details', () => {
    expect(classifyError(new HttpError(422, 'unprocessable', 'Bad date', { field: 'date' }))).toEqual({
      status: 422,
      code: 'unprocessable',
      message: 'Bad date',
      details: { field: 'date' },
      fault: false,
    });
    expect(classifyError(conflict('stale version')).status).toBe(409);
  });

  it('maps body-parser errors to 400, 413 and 415', () => {
    expect(classifyError(Object.assign(new Error('x'), { type: 'entity.parse.failed', status: 400 }))).toMatchObject({
      status: 400,
      code: 'malformed_json',
    });
    expect(classifyError(Object.assign(new Error('x'), { type: 'entity.too.large', status: 413, limit: 100 }))).toMatchObject({
      status: 413,
      code: 'payload_too_large',
      message: 'Request body is larger than the limit of 100 bytes',
    });
    expect(classifyError(Object.assign(new Error('x'), { type: 'charset.unsupported', status: 415 }))).toMatchObject({
      status: 415,
      code: 'unsupported_media_type',
    });
  });

  it('maps PostgreSQL constraint violations to 409, not 500', () => {
    expect(classifyError(Object.assign(new Error('duplicate key value violates unique constraint "x"'), { code: '23505' }))).toMatchObject({
      status: 409,
      code: 'conflict',
      fault: false,
    });
    expect(classifyError(Object.assign(new Error('fk'), { code: '23503' })).status).toBe(409);
  });

  it('maps a stray ZodError to 400 validation_failed', () => {
    const error = z.object({ n: z.number() }).safeParse({ n: 'x' }).error;
    expect(classifyError(error)).toMatchObject({ status: 400, code: 'validation_failed', message: expect.stringContaining('input.n') });
  });

  it('keeps other client errors (status 4xx) but hides everything else behind a fixed 500', () => {
    expect(classifyError(Object.assign(new Error('Failed to decode param'), { status: 400 }))).toMatchObject({
      status: 400,
      code: 'bad_request',
    });
    for (const thrown of [new Error('db password is hunter2'), 'a string', null, Object.assign(new Error('x'), { status: 503 })]) {
      expect(classifyError(thrown)).toEqual({ status: 500, code: 'internal_error', message: 'Internal server error', fault: true });
    }
  });
});
