import type { Pool } from 'pg';
import type { DocumentModel } from '@factsway/document-model';
import { newId } from '@factsway/shared-utils';

export type IngestionStatus = 'pending' | 'processing' | 'completed' | 'failed';

/** An `ingestion_jobs` row as the API shows it. */
export interface IngestionJob {
  id: string;
  status: IngestionStatus;
  fileName: string;
  contentType: string | null;
  sizeBytes: number | null;
  summary: { title: string; sections: number; paragraphs: number } | null;
  document: DocumentModel | null;
  error: string | null;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

interface IngestionJobRow {
  id: string;
  status: IngestionStatus;
  file_name: string;
  content_type: string | null;
  size_bytes: string | null;
  result: DocumentModel | null;
  error: string | null;
  completed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, status, file_name, content_type, size_bytes, result, error, completed_at, created_at, updated_at';

export interface CompletedConversion {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  document: DocumentModel;
}

/**
 * Records a finished conversion of the caller's firm (`tenant`) in one statement: a job row
 * exists only for a readable .docx.
 */
export async function insertCompletedJob(db: Pool, tenant: string, conversion: CompletedConversion): Promise<IngestionJob> {
  const { rows } = await db.query<IngestionJobRow>(
    `INSERT INTO ingestion_jobs (id, status, file_name, content_type, size_bytes, result, completed_at, tenant_id)
     VALUES ($1, 'completed', $2, $3, $4, $5, now(), $6)
     RETURNING ${COLUMNS}`,
    [newId(), conversion.fileName, conversion.contentType, conversion.sizeBytes, JSON.stringify(conversion.document), tenant],
  );
  return toJob(rows[0]);
}

/** The job, when it belongs to `tenant`: another firm's job is not there. */
export async function findJob(db: Pool, tenant: string, id: string): Promise<IngestionJob | null> {
  const { rows } = await db.query<IngestionJobRow>(`SELECT ${COLUMNS} FROM ingestion_jobs WHERE id = $1 AND tenant_id = $2`, [id, tenant]);
  return rows[0] ? toJob(rows[0]) : null;
}

function toJob(row: IngestionJobRow): IngestionJob {
  const document = row.result;
  return {
    id: row.id,
    status: row.status,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
    summary: document
      ? {
          title: document.title,
          sections: document.sections.length,
          paragraphs: document.sections.reduce((sum, section) => sum + section.paragraphs.length, 0),
        }
      : null,
    document,
    error: row.error,
    completedAt: row.completed_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
