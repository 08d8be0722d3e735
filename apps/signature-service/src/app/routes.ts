import type { Router } from 'express';
import type { ServiceContext } from '@factsway/shared-utils';

/**
 * The signature-service API (Signature-block templates; formats a block for a case and attorney).
 * Mounted after the routes every service has (/health, /ready, /metrics).
 */
export function registerRoutes(router: Router, context: ServiceContext): void {
  void router;
  void context;
}
