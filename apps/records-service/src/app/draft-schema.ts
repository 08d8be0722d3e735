import { documentSchema } from '@factsway/document-model';
import { ulidString } from '@factsway/shared-utils';
import { z } from 'zod';
import { atLeastOneField, requiredLine } from './text-fields';

const VERSION_RULE = 'must be a whole number of at least 1';

/** A draft version number in a JSON body. */
export const bodyVersion = z
  .number({ message: VERSION_RULE })
  .int(VERSION_RULE)
  .min(1, VERSION_RULE)
  .max(2_147_483_647, 'is too large');

/** A draft version number in the path (`/restore/3`). */
export const versionParam = z.string().regex(/^[1-9]\d{0,9}$/, VERSION_RULE).transform(Number).pipe(bodyVersion);

export const createDraftBody = z.strictObject({
  caseId: ulidString,
  templateId: ulidString.nullable().optional(),
  title: requiredLine(500),
  /** Default: the template's content, or an empty document. */
  content: documentSchema.optional(),
});

export const updateDraftBody = z
  .strictObject({
    title: requiredLine(500).optional(),
    content: documentSchema.optional(),
    templateId: ulidString.nullable().optional(),
    /** The version this change was based on; alternatively the `If-Match` header. */
    version: bodyVersion.optional(),
  })
  .refine(({ version: _version, ...changes }) => atLeastOneField(changes), 'must change at least one of title, content, templateId');

/** Restoring and deleting may name the version they expect (optional). */
export const expectedVersionBody = z
  .strictObject({ version: bodyVersion.optional() })
  .optional();

export const draftParams = z.object({ id: ulidString });
export const caseDraftsParams = z.object({ caseId: ulidString });
export const draftVersionParams = z.object({ id: ulidString, version: versionParam });

export type CreateDraft = z.output<typeof createDraftBody>;
export type DraftChanges = Omit<z.output<typeof updateDraftBody>, 'version'>;
export type DocumentContent = z.output<typeof documentSchema>;

export interface Draft {
  id: string;
  caseId: string;
  templateId: string | null;
  title: string;
  content: DocumentContent;
  /** Increases by one with every change; send it back (If-Match or `version`) to change the draft. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The state of a draft as of one version. */
export interface DraftVersion {
  draftId: string;
  version: number;
  title: string;
  content: DocumentContent;
  createdAt: string;
}
