import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { routeTemplateOf } from '../http/route-template';
import { CLIENT_CLOSED_STATUS } from '../http/request-observer';
import { auditResource } from './audit-resource';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type AuditOutcome = 'succeeded' | 'rejected' | 'failed';

export function auditOutcome(status: number): AuditOutcome {
  if (status < 400) return 'succeeded';
  if (status < 500 && status !== CLIENT_CLOSED_STATUS) return 'rejected';
  return 'failed';
}

/**
 * Mounted on `/api` after authentication: every authenticated write logs one audit record when
 * its response ends (`"msg":"audit"`, an `audit` object: tenant, subject, service, action,
 * resource type and id, request id, status and outcome). Never the content: the id of a created
 * resource is read from the answer's `id` and nothing else of it. Written at info whatever
 * LOG_LEVEL says (only `silent`, which tests use, silences it), so an operator cannot switch the
 * trail off by quieting the logs.
 */
export function auditWrites(logger: Logger, serviceId: string): RequestHandler {
  const audit = logger.child({}, { level: logger.level === 'silent' ? 'silent' : 'info' });
  return (req, res, next) => {
    if (!WRITE_METHODS.has(req.method) || !req.caller) {
      next();
      return;
    }
    const caller = req.caller;
    const path = req.originalUrl.split('?')[0];
    let createdId: string | undefined;
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const id = (body as { id?: unknown } | null)?.id;
      if (typeof id === 'string' && res.statusCode < 300) createdId = id;
      return json(body);
    };
    res.once('close', () => {
      const status = res.writableFinished ? res.statusCode : CLIENT_CLOSED_STATUS;
      audit.info(
        {
          audit: {
            tenant: caller.tenant,
            subject: caller.subject,
            service: serviceId,
            ...auditResource(req.method, routeTemplateOf(req), path, createdId),
            requestId: req.id,
            status,
            outcome: auditOutcome(status),
          },
        },
        'audit',
      );
    });
    next();
  };
}
