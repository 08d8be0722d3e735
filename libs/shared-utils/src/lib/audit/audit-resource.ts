/** What an audit record says was acted on: the kind of resource and its id. */
export interface AuditResource {
  resourceType: string;
  resourceId?: string;
  action: AuditAction;
}

export type AuditAction = 'create' | 'change' | 'delete' | 'restore';

/** Path segments that name an action on the resource before them, not a resource of their own. */
const ACTION_SEGMENTS: Record<string, AuditAction> = { restore: 'restore' };

/**
 * Reads the resource off the matched route template and the request path, never the body:
 * `POST /api/cases` -> cases (the id the answer gives), `PATCH /api/cases/:id` -> cases :id,
 * `POST /api/evidence/:id/restore` -> restore of evidence :id.
 */
export function auditResource(method: string, template: string, path: string, createdId?: string): AuditResource {
  const templateSegments = template.split('/').filter(Boolean);
  const pathSegments = path.split('/').filter(Boolean);
  let resourceType = 'unknown';
  let resourceId: string | undefined;
  let actionSegment: AuditAction | undefined;
  templateSegments.forEach((segment, index) => {
    if (segment.startsWith(':')) resourceId = pathSegments[index] === undefined ? undefined : decodeURIComponent(pathSegments[index]);
    else if (ACTION_SEGMENTS[segment] && index === templateSegments.length - 1) actionSegment = ACTION_SEGMENTS[segment];
    else if (segment !== 'api') {
      resourceType = segment;
      resourceId = undefined;
    }
  });
  const action: AuditAction = actionSegment ?? (method === 'DELETE' ? 'delete' : method === 'POST' ? 'create' : 'change');
  return { resourceType, resourceId: resourceId ?? createdId, action };
}
