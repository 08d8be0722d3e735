import { rm } from 'node:fs/promises';
import type { Router } from 'express';
import { Gauge } from 'prom-client';
import { idParam, notFound, parseParams, tenantOf, type DatabaseServiceContext } from '@factsway/shared-utils';
import { ConversionSlots } from './conversion-slots';
import { assertDeclaredDocx, assertSafeDocxPackage, corruptDocx, titleFromFilename } from './docx-file-checks';
import { CorruptDocxError, readDocx } from './docx-reader';
import { receiveUpload } from './docx-upload';
import { findJob, insertCompletedJob } from './ingestion-job-store';

/** Two conversions at once fit the 768 MiB limit with room to spare; up to 16 more wait. */
export const CONVERSION_CONCURRENCY = 2;
export const CONVERSION_QUEUE = 16;

/**
 * `POST /api/ingest` (multipart, field `file`): .docx -> document JSON, recorded as an
 * `ingestion_jobs` row of the caller's firm. `GET /api/ingest/:id`: that job, with its document
 * (another firm's job answers 404 like a missing one).
 * Bad input (413, 415, 400) is refused before anything is written.
 */
export function registerIngestRoutes(router: Router, { db, registry }: DatabaseServiceContext): void {
  const slots = new ConversionSlots(CONVERSION_CONCURRENCY, CONVERSION_QUEUE);
  new Gauge({
    name: 'ingestion_conversions_in_progress',
    help: 'Conversions of uploaded .docx files running now',
    registers: [registry],
    collect() {
      this.set(slots.inProgress);
    },
  });
  new Gauge({
    name: 'ingestion_conversions_waiting',
    help: 'Uploaded .docx files waiting for a conversion slot',
    registers: [registry],
    collect() {
      this.set(slots.queued);
    },
  });

  router.post('/api/ingest', async (req, res) => {
    const tenant = tenantOf(req);
    const file = await receiveUpload(req, res);
    // The temporary file is gone before the client hears back, so nothing outlives a request.
    const job = await convertAndRecord(tenant, file).finally(() => rm(file.path, { force: true }));
    res.status(201).location(`/api/ingest/${job.id}`).json(job);
  });

  async function convertAndRecord(tenant: string, file: Express.Multer.File) {
    assertDeclaredDocx(file);
    const document = await slots.run(async () => {
      await assertSafeDocxPackage(file.path);
      return readDocx(file.path, titleFromFilename(file.originalname)).catch((error: unknown) => {
        throw error instanceof CorruptDocxError ? corruptDocx(error.message) : error;
      });
    });
    return insertCompletedJob(db, tenant, {
      fileName: file.originalname,
      contentType: file.mimetype,
      sizeBytes: file.size,
      document,
    });
  }

  router.get('/api/ingest/:id', async (req, res) => {
    const { id } = parseParams(idParam, req);
    const job = await findJob(db, tenantOf(req), id);
    if (!job) throw notFound(`ingestion job ${id} not found`);
    res.json(job);
  });
}
