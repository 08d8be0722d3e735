import { documentSchema } from '@factsway/document-model';
import { z } from 'zod';
import { atLeastOneField, freeText, requiredLine } from './text-fields';

export const createTemplateBody = z.strictObject({
  name: requiredLine(200),
  description: freeText(2_000).optional(),
  /** The document a draft made from this template starts with. */
  content: documentSchema,
});

export const updateTemplateBody = z
  .strictObject({
    name: requiredLine(200).optional(),
    description: freeText(2_000).optional(),
    content: documentSchema.optional(),
  })
  .refine(atLeastOneField, 'must change at least one of name, description, content');

export type CreateTemplate = z.output<typeof createTemplateBody>;
export type UpdateTemplate = z.output<typeof updateTemplateBody>;

export interface Template {
  id: string;
  name: string;
  description: string;
  content: z.output<typeof documentSchema>;
  createdAt: string;
  updatedAt: string;
}
