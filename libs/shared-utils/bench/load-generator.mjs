// One autocannon run in its own process, so each server has its own load generator.
// Usage: node load-generator.mjs <url> <connections> <seconds> [<authorization>]; prints the result as JSON.
import autocannon from 'autocannon';

const [url, connections, seconds, authorization] = process.argv.slice(2);
const headers = authorization ? { authorization } : {};
const result = await autocannon({ url, connections: Number(connections), duration: Number(seconds), headers });
process.stdout.write(
  JSON.stringify({
    rps: result.requests.average,
    total: result.requests.total,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  }),
);
