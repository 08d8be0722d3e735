import type { Router } from 'express';
import type { ServiceContext } from '@factsway/shared-utils';

/**
 * The caselaw-service API (Detects and formats legal citations; authorities; table of authorities).
 * Mounted after the routes every service has (/health, /ready, /metrics).
 */
export function registerRoutes(router: Router, context: ServiceContext): void {
  void router;
  void context;
}
