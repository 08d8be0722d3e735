import { Pool } from 'pg';

// The limit for a records read: the same query in a loop, 32 at a time over a pool of 10, no HTTP.
// Prints {"queriesPerSecond": n} after BENCH_SECONDS.
async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env['DATABASE_URL'], max: 10 });
  const id = process.env['DRAFT_ID'];
  const until = Date.now() + Number(process.env['BENCH_SECONDS']) * 1000;
  let done = 0;
  const worker = async () => {
    while (Date.now() < until) {
      await pool.query('SELECT * FROM drafts WHERE id = $1', [id]);
      done += 1;
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: 32 }, worker));
  const seconds = (Date.now() - started) / 1000;
  await pool.end();
  process.stdout.write(`${JSON.stringify({ queriesPerSecond: done / seconds })}\n`);
}

void main();
