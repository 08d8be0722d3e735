// The same route through createService: request ids, metrics, JSON logs (stdout), body parsing, errors.
import { runService } from '../../src';

void runService({
  name: 'export',
  routes(router) {
    router.get('/api/cases/:id', (req, res) => {
      res.json({ id: req.params['id'], caption: 'Doe v. Roe' });
    });
  },
});
