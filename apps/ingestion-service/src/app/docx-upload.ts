import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Request, Response } from 'express';
import multer from 'multer';
import { badRequest, HttpError, payloadTooLarge, unsupportedMediaType } from '@factsway/shared-utils';

/** The upload cap from the catalog description: larger files get 413 before they are read. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const UPLOAD_FIELD = 'file';

/**
 * Where uploads are streamed while they are converted; one folder per process so a
 * test (or an operator) can see that every upload was removed again.
 */
export const UPLOAD_DIRECTORY = join(tmpdir(), `factsway-ingestion-uploads-${process.pid}`);

const receiveOneFile = multer({
  storage: multer.diskStorage({ destination: ensureUploadDirectory }),
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 4096, parts: 11, headerPairs: 200 },
  defParamCharset: 'utf8',
}).single(UPLOAD_FIELD);

function ensureUploadDirectory(_req: unknown, _file: unknown, callback: (error: Error | null, dir: string) => void): void {
  try {
    mkdirSync(UPLOAD_DIRECTORY, { recursive: true, mode: 0o700 });
    callback(null, UPLOAD_DIRECTORY);
  } catch (error) {
    callback(error as Error, UPLOAD_DIRECTORY);
  }
}

/**
 * Streams the multipart field `file` to a temporary file (never more than the cap in
 * memory or on disk). The caller removes `file.path` when done.
 */
export async function receiveUpload(req: Request, res: Response): Promise<Express.Multer.File> {
  if (!req.is('multipart/form-data')) {
    throw unsupportedMediaType(`send the .docx as multipart/form-data in the field "${UPLOAD_FIELD}"`);
  }
  await new Promise<void>((resolve, reject) => {
    receiveOneFile(req, res, (error: unknown) => (error ? reject(uploadErrorOrItself(error)) : resolve()));
  });
  if (!req.file) throw badRequest(`no file: send the .docx in the multipart field "${UPLOAD_FIELD}"`);
  return req.file;
}

function uploadErrorOrItself(error: unknown): unknown {
  // The disk failing (ENOSPC, EACCES) is the server's problem, not the client's: it stays a 500.
  if (error instanceof Error && 'syscall' in error) return error;
  return uploadError(error);
}

function uploadError(error: unknown): HttpError {
  if (error instanceof multer.MulterError) {
    switch (error.code) {
      case 'LIMIT_FILE_SIZE':
        return payloadTooLarge(`the file is larger than the ${MAX_UPLOAD_BYTES / 1024 / 1024} MB upload limit`);
      case 'LIMIT_UNEXPECTED_FILE':
        return badRequest(`send exactly one file, in the multipart field "${UPLOAD_FIELD}" (got "${error.field}")`);
      default:
        return badRequest(`malformed upload: ${error.message}`);
    }
  }
  if (error instanceof HttpError) return error;
  // busboy's parse errors ("Unexpected end of form", "Malformed part header", ...)
  return badRequest(`malformed multipart body: ${error instanceof Error ? error.message : String(error)}`);
}
