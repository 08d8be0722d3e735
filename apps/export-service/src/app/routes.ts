import type { Router } from 'express';
import type { ServiceContext } from '@factsway/shared-utils';

/**
 * The export-service API (Turns document JSON into a .docx file).
 * Mounted after the routes every service has (/health, /ready, /metrics).
 */
export function registerRoutes(router: Router, context: ServiceContext): void {
  void router;
  void context;
}
