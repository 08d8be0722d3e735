import express from 'express';
import { casePayload } from './case-payload';

// The baseline: Express 5 with one JSON route and nothing else.
const app = express();
app.get('/api/cases/:id', (req, res) => {
  res.json(casePayload(req.params.id));
});
app.listen(Number(process.env['PORT']), '127.0.0.1');
