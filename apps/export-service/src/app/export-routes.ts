import type { Router } from 'express';
import { DOCX_MEDIA_TYPE, documentSchema } from '@factsway/document-model';
import { getService, publicApiLimits } from '@factsway/service-catalog';
import { parseBody, type ServiceContext } from '@factsway/shared-utils';
import { writeDocx } from './docx-writer';
import { downloadFileName } from './download-file-name';

/**
 * A document JSON body may be this large, in bytes (a long brief is well under 1 MB of JSON).
 * The catalog holds it so the public gateway forwards exactly what this service accepts.
 */
export const EXPORT_BODY_LIMIT = publicApiLimits(getService('export')).maxRequestBodyBytes;

/** `POST /api/export`: document JSON (validated) -> a .docx download. */
export function registerExportRoutes(router: Router, context: ServiceContext): void {
  void context;
  router.post('/api/export', async (req, res) => {
    const document = parseBody(documentSchema, req);
    const docx = await writeDocx(document);
    res
      .status(200)
      .type(DOCX_MEDIA_TYPE)
      .attachment(downloadFileName(document.title))
      .setHeader('X-Content-Type-Options', 'nosniff')
      .send(docx);
  });
}
