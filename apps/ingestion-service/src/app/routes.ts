import type { Router } from 'express';
import type { ServiceContext } from '@factsway/shared-utils';

/**
 * The ingestion-service API (Turns an uploaded .docx into document JSON (sections, paragraphs)).
 * Mounted after the routes every service has (/health, /ready, /metrics).
 */
export function registerRoutes(router: Router, context: ServiceContext): void {
  void router;
  void context;
}
