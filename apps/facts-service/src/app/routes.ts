import type { Router } from 'express';
import type { ServiceContext } from '@factsway/shared-utils';

/**
 * The facts-service API (Splits a draft&#39;s text into sentences with offsets; registers facts).
 * Mounted after the routes every service has (/health, /ready, /metrics).
 */
export function registerRoutes(router: Router, context: ServiceContext): void {
  void router;
  void context;
}
