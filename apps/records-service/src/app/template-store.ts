import { listPage, newId, type Page, type Pagination } from '@factsway/shared-utils';
import type { Pool } from 'pg';
import type { CreateTemplate, Template, UpdateTemplate } from './template-schema';

interface TemplateRow {
  id: string;
  name: string;
  description: string;
  content: Template['content'];
  created_at: Date;
  updated_at: Date;
}

const toTemplate = (row: TemplateRow): Template => ({
  id: row.id,
  name: row.name,
  description: row.description,
  content: row.content,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** SQL for the `templates` table. */
export class TemplateStore {
  constructor(
    private readonly db: Pool,
    private readonly tenant: string,
  ) {}

  list(pagination: Pagination): Promise<Page<Template>> {
    return listPage(this.db, { columns: '*', from: 'templates', where: 'tenant_id = $1', params: [this.tenant], orderBy: 'id', toItem: toTemplate }, pagination);
  }

  async get(id: string): Promise<Template | undefined> {
    const { rows } = await this.db.query<TemplateRow>('SELECT * FROM templates WHERE id = $1 AND tenant_id = $2', [id, this.tenant]);
    return rows[0] && toTemplate(rows[0]);
  }

  async create(input: CreateTemplate): Promise<Template> {
    const { rows } = await this.db.query<TemplateRow>(
      'INSERT INTO templates (id, name, description, content, tenant_id) VALUES ($1, $2, $3, $4, $5) RETURNING *',
      [newId(), input.name, input.description ?? '', JSON.stringify(input.content), this.tenant],
    );
    return toTemplate(rows[0]);
  }

  async update(id: string, changes: UpdateTemplate): Promise<Template | undefined> {
    const { rows } = await this.db.query<TemplateRow>(
      `UPDATE templates SET
         name = COALESCE($2, name),
         description = COALESCE($3, description),
         content = COALESCE($4::jsonb, content),
         updated_at = now()
       WHERE id = $1 AND tenant_id = $5 RETURNING *`,
      [id, changes.name ?? null, changes.description ?? null, changes.content ? JSON.stringify(changes.content) : null, this.tenant],
    );
    return rows[0] && toTemplate(rows[0]);
  }

  /** Drafts made from it keep their content; their `templateId` becomes null. */
  async delete(id: string): Promise<boolean> {
    const { rowCount } = await this.db.query('DELETE FROM templates WHERE id = $1 AND tenant_id = $2', [id, this.tenant]);
    return rowCount === 1;
  }
}
