import './fixture-instrument';
import { parseBody, runService } from '@factsway/shared-utils';
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
  router.post('/api/validate', (req, res) => {
    const body = parseBody(z.object({ title: z.string() }), req);
    res.json(body);
  });
  router.post('/api/zod-throws', (req, res) => {
    res.json(z.object({ count: z.number() }).parse(req.body));
  });
}

void runService({ name: 'export', routes: registerFixtureRoutes });
