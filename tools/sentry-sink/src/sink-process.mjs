// The local Sentry sink: Spotlight's sidecar (Sentry's own local tool) in a process of its own.
// Spotlight is ESM-only and binds every interface (it passes no host to listen), and its
// sidecar has endpoints such as /open that start programs. This process holds nothing else,
// so forcing every listen() in it onto 127.0.0.1 is safe and keeps the sink off the network.
// Started from code, not the Spotlight CLI, which sends its own telemetry to the internet.
import http from 'node:http';

const host = process.env.SENTRY_SINK_HOST || '127.0.0.1';
const port = Number(process.argv[2] ?? 0);

const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function listenOnLoopback(...args) {
  if (typeof args[0] === 'number' && (args[1] === undefined || typeof args[1] === 'function')) {
    if (args[1] === undefined) args.splice(1, 1, host);
    else args.splice(1, 0, host);
  }
  return listen.apply(this, args);
};

// eslint-disable-next-line @typescript-eslint/no-empty-function -- Spotlight's info/debug lines are dropped on purpose
const quiet = { info() {}, warn: (m) => process.stderr.write(`${m}\n`), error: (m) => process.stderr.write(`${m}\n`), debug() {} };
const { setupSpotlight } = await import('@spotlightjs/spotlight');
const server = await setupSpotlight({ port, isStandalone: true, logger: quiet });
if (!server) {
  process.stderr.write(`a Spotlight sidecar is already running on port ${port}\n`);
  process.exit(1);
}
const address = server.address();
process.stdout.write(`${JSON.stringify({ listening: { address: address.address, port: address.port } })}\n`);
