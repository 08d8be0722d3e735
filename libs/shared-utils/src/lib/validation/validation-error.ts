import type { ZodError } from 'zod';
import { HttpError } from '../errors/http-error';

export interface ValidationIssue {
  /** Dotted location, e.g. `body.parties.0.name`, `params.id`, `query.limit`. */
  field: string;
  message: string;
}

/** A 400 `validation_failed` whose message names every offending field. */
export function validationError(source: string, error: ZodError): HttpError {
  const issues: ValidationIssue[] = error.issues.map((issue) => ({
    field: [source, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const message = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
  return new HttpError(400, 'validation_failed', message, { issues });
}
