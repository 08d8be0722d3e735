import type { Request } from 'express';
import type { z } from 'zod';
import { validationError } from './validation-error';

function parse<S extends z.ZodType>(schema: S, value: unknown, source: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(source, result.error);
  return result.data;
}

/** Validates `req.body`; a failure is a 400 `validation_failed` naming the field (`body.title`). */
export function parseBody<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  return parse(schema, req.body, 'body');
}

/** Validates `req.params` (`params.id`). */
export function parseParams<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  return parse(schema, req.params, 'params');
}

/** Validates `req.query` (`query.limit`). */
export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  return parse(schema, req.query, 'query');
}
