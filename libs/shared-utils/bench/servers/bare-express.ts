// The baseline: the same route on plain Express, nothing else.
import express from 'express';

const app = express();
app.get('/api/cases/:id', (req, res) => {
  res.json({ id: req.params['id'], caption: 'Doe v. Roe' });
});
app.listen(Number(process.env['PORT']), '127.0.0.1');
