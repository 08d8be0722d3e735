import './fixture-instrument';
import { parseBody, runService } from '@factsway/shared-utils';
import { addBreadcrumb } from '@factsway/shared-utils/monitoring';
import type { Router } from 'express';
import { z } from 'zod';

// A service with one route per kind of outcome, for the error-tracking end-to-end test.
// It runs as the catalog's export-service (no tables, no peers) so it needs no database.

function explodeWhileFormatting(): never {
  throw new Error('formatting exploded');
}

function registerFixtureRoutes(router: Router): void {
  router.post('/api/explode', () => explodeWhileFormatting());
  // Fails after a pause, so a test can stop the service while the request is in flight.
  router.post('/api/explode-later', async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    explodeWhileFormatting();
  });
  // Leaves a breadcrumb naming the request, then fails after a pause: two of these in flight
  // show whether each event carries only its own request's scope.
  router.post('/api/explode-after-breadcrumb/:marker', async (req) => {
    addBreadcrumb('fixture', `handling ${req.params['marker']}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    explodeWhileFormatting();
  });
  router.post('/api/validate', (req, res) => {
    const body = parseBody(z.object({ title: z.string() }), req);
    res.json(body);
  });
  router.post('/api/zod-throws', (req, res) => {
    res.json(z.object({ count: z.number() }).parse(req.body));
  });
}

void runService({ name: 'export', routes: registerFixtureRoutes });
