import type { Router } from 'express';
import type { ServiceContext } from '@factsway/shared-utils';

/**
 * The exhibits-service API (Evidence records; exhibit labels (A..Z, AA..) linked to facts).
 * Mounted after the routes every service has (/health, /ready, /metrics).
 */
export function registerRoutes(router: Router, context: ServiceContext): void {
  void router;
  void context;
}
