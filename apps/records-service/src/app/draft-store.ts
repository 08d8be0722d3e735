import { listPage, newId, withTransaction, type Page, type Pagination } from '@factsway/shared-utils';
import type { Pool, PoolClient } from 'pg';
import type { CreateDraft, DocumentContent, Draft, DraftChanges, DraftVersion } from './draft-schema';

interface DraftRow {
  id: string;
  tenant_id: string;
  case_id: string;
  template_id: string | null;
  title: string;
  content: DocumentContent;
  version: number;
  created_at: Date;
  updated_at: Date;
}

interface DraftVersionRow {
  draft_id: string;
  version: number;
  title: string;
  content: DocumentContent;
  created_at: Date;
}

const toDraft = (row: DraftRow): Draft => ({
  id: row.id,
  caseId: row.case_id,
  templateId: row.template_id,
  title: row.title,
  content: row.content,
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const toDraftVersion = (row: DraftVersionRow): DraftVersion => ({
  draftId: row.draft_id,
  version: row.version,
  title: row.title,
  content: row.content,
  createdAt: row.created_at.toISOString(),
});

/** What a versioned change came to. */
export type DraftChangeResult =
  | { outcome: 'changed'; draft: Draft }
  | { outcome: 'missing' }
  | { outcome: 'version-conflict'; currentVersion: number };

/** Why a new draft could not be created. */
export type DraftCreateResult =
  | { outcome: 'created'; draft: Draft }
  | { outcome: 'unknown-case' }
  | { outcome: 'unknown-template' };

/** Records the draft's new state as a `draft_versions` row, in the caller's transaction. */
async function recordVersion(client: PoolClient, draft: DraftRow & { tenant_id: string }): Promise<void> {
  await client.query(
    'INSERT INTO draft_versions (id, draft_id, version, title, content, tenant_id) VALUES ($1, $2, $3, $4, $5, $6)',
    [newId(), draft.id, draft.version, draft.title, JSON.stringify(draft.content), draft.tenant_id],
  );
}

/**
 * SQL for `drafts` and `draft_versions`. Every change is one transaction that bumps
 * `drafts.version` with a conditional UPDATE (`WHERE version = <expected>`) and writes
 * the new state to `draft_versions`: of two concurrent changes based on the same
 * version, the second waits for the first's row lock, then matches no row and is
 * reported as a conflict. No update is lost. Every query is one tenant's: another firm's
 * draft, case or template is not there.
 */
export class DraftStore {
  constructor(
    private readonly db: Pool,
    private readonly tenant: string,
  ) {}

  list(pagination: Pagination): Promise<Page<Draft>> {
    return listPage(this.db, { columns: '*', from: 'drafts', where: 'tenant_id = $1', params: [this.tenant], orderBy: 'id', toItem: toDraft }, pagination);
  }

  listByCase(caseId: string, pagination: Pagination): Promise<Page<Draft>> {
    return listPage(this.db, { columns: '*', from: 'drafts', where: 'case_id = $1 AND tenant_id = $2', params: [caseId, this.tenant], orderBy: 'id', toItem: toDraft }, pagination);
  }

  async get(id: string): Promise<Draft | undefined> {
    const { rows } = await this.db.query<DraftRow>('SELECT * FROM drafts WHERE id = $1 AND tenant_id = $2', [id, this.tenant]);
    return rows[0] && toDraft(rows[0]);
  }

  async create(input: CreateDraft): Promise<DraftCreateResult> {
    return withTransaction(this.db, async (client) => {
      // FOR KEY SHARE: the case (and template) cannot be deleted until this commits.
      const found = await client.query('SELECT 1 FROM cases WHERE id = $1 AND tenant_id = $2 FOR KEY SHARE', [input.caseId, this.tenant]);
      if (found.rowCount === 0) return { outcome: 'unknown-case' } as const;
      let content = input.content;
      if (input.templateId) {
        const template = await client.query<{ content: DocumentContent }>(
          'SELECT content FROM templates WHERE id = $1 AND tenant_id = $2 FOR KEY SHARE',
          [input.templateId, this.tenant],
        );
        if (template.rowCount === 0) return { outcome: 'unknown-template' } as const;
        content ??= template.rows[0].content;
      }
      const { rows } = await client.query<DraftRow>(
        `INSERT INTO drafts (id, case_id, template_id, title, content, version, tenant_id)
         VALUES ($1, $2, $3, $4, $5, 1, $6) RETURNING *`,
        [
          newId(),
          input.caseId,
          input.templateId ?? null,
          input.title,
          JSON.stringify(content ?? { title: input.title, sections: [] }),
          this.tenant,
        ],
      );
      await recordVersion(client, rows[0]);
      return { outcome: 'created', draft: toDraft(rows[0]) } as const;
    });
  }

  /** Applies `changes` if the draft is still at `expectedVersion`. */
  async update(id: string, expectedVersion: number, changes: DraftChanges): Promise<DraftChangeResult | { outcome: 'unknown-template' }> {
    return withTransaction(this.db, async (client) => {
      if (changes.templateId) {
        const template = await client.query('SELECT 1 FROM templates WHERE id = $1 AND tenant_id = $2 FOR KEY SHARE', [changes.templateId, this.tenant]);
        if (template.rowCount === 0) return { outcome: 'unknown-template' } as const;
      }
      const { rows } = await client.query<DraftRow>(
        `UPDATE drafts SET
           title = COALESCE($3, title),
           content = COALESCE($4::jsonb, content),
           template_id = CASE WHEN $5::boolean THEN $6 ELSE template_id END,
           version = version + 1,
           updated_at = now()
         WHERE id = $1 AND version = $2 AND tenant_id = $7
         RETURNING *`,
        [
          id,
          expectedVersion,
          changes.title ?? null,
          changes.content ? JSON.stringify(changes.content) : null,
          changes.templateId !== undefined,
          changes.templateId ?? null,
          this.tenant,
        ],
      );
      if (rows.length === 0) return this.whyNotChanged(client, id);
      await recordVersion(client, rows[0]);
      return { outcome: 'changed', draft: toDraft(rows[0]) } as const;
    });
  }

  /**
   * Makes the draft's title and content those of `version`, as a new version (history
   * keeps everything). With `expectedVersion`, only if the draft is still at it.
   */
  async restore(
    id: string,
    version: number,
    expectedVersion: number | undefined,
  ): Promise<DraftChangeResult | { outcome: 'missing-version' }> {
    return withTransaction(this.db, async (client) => {
      const old = await client.query<DraftVersionRow>(
        'SELECT * FROM draft_versions WHERE draft_id = $1 AND version = $2 AND tenant_id = $3',
        [id, version, this.tenant],
      );
      if (old.rowCount === 0) {
        const draft = await client.query('SELECT 1 FROM drafts WHERE id = $1 AND tenant_id = $2', [id, this.tenant]);
        return draft.rowCount === 0 ? ({ outcome: 'missing' } as const) : ({ outcome: 'missing-version' } as const);
      }
      const { rows } = await client.query<DraftRow>(
        `UPDATE drafts SET title = $3, content = $4, version = version + 1, updated_at = now()
         WHERE id = $1 AND ($2::int IS NULL OR version = $2) AND tenant_id = $5
         RETURNING *`,
        [id, expectedVersion ?? null, old.rows[0].title, JSON.stringify(old.rows[0].content), this.tenant],
      );
      if (rows.length === 0) return this.whyNotChanged(client, id);
      await recordVersion(client, rows[0]);
      return { outcome: 'changed', draft: toDraft(rows[0]) } as const;
    });
  }

  /** Deletes the draft and its history; with `expectedVersion`, only if still at it. */
  async delete(id: string, expectedVersion: number | undefined): Promise<DraftChangeResult | { outcome: 'deleted' }> {
    return withTransaction(this.db, async (client) => {
      const { rowCount } = await client.query('DELETE FROM drafts WHERE id = $1 AND ($2::int IS NULL OR version = $2) AND tenant_id = $3', [
        id,
        expectedVersion ?? null,
        this.tenant,
      ]);
      if (rowCount === 0) return this.whyNotChanged(client, id);
      return { outcome: 'deleted' } as const;
    });
  }

  async versions(id: string, pagination: Pagination): Promise<Page<DraftVersion> | undefined> {
    if (!(await this.get(id))) return undefined;
    return listPage(
      this.db,
      { columns: '*', from: 'draft_versions', where: 'draft_id = $1 AND tenant_id = $2', params: [id, this.tenant], orderBy: 'version DESC', toItem: toDraftVersion },
      pagination,
    );
  }

  async version(id: string, version: number): Promise<DraftVersion | undefined> {
    const { rows } = await this.db.query<DraftVersionRow>(
      'SELECT * FROM draft_versions WHERE draft_id = $1 AND version = $2 AND tenant_id = $3',
      [id, version, this.tenant],
    );
    return rows[0] && toDraftVersion(rows[0]);
  }

  private async whyNotChanged(client: PoolClient, id: string): Promise<DraftChangeResult> {
    const { rows } = await client.query<{ version: number }>('SELECT version FROM drafts WHERE id = $1 AND tenant_id = $2', [id, this.tenant]);
    return rows.length === 0 ? { outcome: 'missing' } : { outcome: 'version-conflict', currentVersion: rows[0].version };
  }
}
