import type { Router } from 'express';
import type { ServiceContext } from '@factsway/shared-utils';

/**
 * The caseblock-service API (Formats a case caption from case data; extracts a caption from text).
 * Mounted after the routes every service has (/health, /ready, /metrics).
 */
export function registerRoutes(router: Router, context: ServiceContext): void {
  void router;
  void context;
}
