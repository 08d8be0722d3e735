import './production-instrument'; // first, as every service's main.ts
import { runService } from '@factsway/shared-utils';
import type { Router } from 'express';
import { casePayload } from './case-payload';

// The full production stack of a service (request id, logs at info, metrics, Sentry on) with the
// same route, as the catalog's export-service (no database).
void runService({
  name: 'export',
  routes: (router: Router) => {
    router.get('/api/cases/:id', (req, res) => {
      res.json(casePayload(req.params['id'] ?? ''));
    });
  },
});
