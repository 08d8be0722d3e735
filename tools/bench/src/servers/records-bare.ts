import express from 'express';
import { Pool } from 'pg';

// The records-read baseline: Express 5 and pg running the query records-service runs for
// GET /api/drafts/:id, on the same database, with a pool of the same size.
const pool = new Pool({ connectionString: process.env['DATABASE_URL'], max: 10 });
const app = express();
app.get('/api/drafts/:id', async (req, res) => {
  const { rows } = await pool.query('SELECT * FROM drafts WHERE id = $1', [req.params.id]);
  if (rows.length === 0) res.status(404).json({ error: 'not found' });
  else res.json(rows[0]);
});
app.listen(Number(process.env['PORT']), '127.0.0.1');
