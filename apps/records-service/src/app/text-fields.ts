import { z } from 'zod';

/** A required one-line text field: trimmed, not empty, no control characters. */
export function requiredLine(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((text) => !/[\u0000-\u001F\u007F]/.test(text), 'must be one line without control characters');
}

/** An optional one-line text field; `null` clears it. */
export function optionalLine(max: number) {
  return requiredLine(max).nullable().optional();
}

/** Free text (tabs and line breaks allowed), possibly empty. */
export function freeText(max: number) {
  return z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((text) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text), 'must not contain control characters');
}

/** Rejects a PATCH body that changes nothing. */
export function atLeastOneField<T extends object>(body: T): boolean {
  return Object.values(body).some((value) => value !== undefined);
}
