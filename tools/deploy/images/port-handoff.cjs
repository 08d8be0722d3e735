// Preloaded by every FACTSWAY image (`node --require /app/port-handoff.cjs`).
//
// On one machine with host networking (the local podman engine), two versions of a service
// share its one port during a roll. With PORT_HANDOFF_SECONDS set, every TCP listener on a fixed
// port is opened with SO_REUSEPORT (Node's `reusePort`), so the new version binds while the old
// one still listens; the kernel spreads new connections over both until the old one closes its
// listener, and the port never refuses a connection (docs/adr/078). If the port is held by a
// listener opened without SO_REUSEPORT (an image from before this preload shared ports), the
// bind fails with EADDRINUSE: then it retries every 50 ms for that long and binds the moment the
// old one lets go. Unset (Kubernetes: every pod has its own network namespace), nothing changes.
'use strict';
const net = require('node:net');

const limitMs = Number(process.env.PORT_HANDOFF_SECONDS || 0) * 1000;

/** `listen(port[, host][, backlog][, cb])` or `listen({ port, ... }[, cb])` as options with reusePort; anything else (IPC paths, handles, port 0) unchanged. */
function withReusePort(args) {
  const callback = typeof args[args.length - 1] === 'function' ? args[args.length - 1] : undefined;
  const rest = callback ? args.slice(0, -1) : args;
  const [first, second, third] = rest;
  let options;
  if (first !== null && typeof first === 'object' && !('_handle' in first) && !('fd' in first) && !('handle' in first)) {
    options = { ...first };
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    options = { port: Number(first) };
    if (typeof second === 'string') options.host = second;
    const backlog = typeof second === 'number' ? second : third;
    if (typeof backlog === 'number') options.backlog = backlog;
  } else {
    return args;
  }
  if (!Number(options.port) || options.path !== undefined) return args;
  options.reusePort = true;
  return callback ? [options, callback] : [options];
}

if (limitMs > 0) {
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function listenWithHandoff(...given) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the nested emit wrapper needs this server
    const server = this;
    const args = withReusePort(given);
    if (!server.portHandoff) {
      server.portHandoff = { started: Date.now(), announced: false };
      const emit = server.emit;
      server.emit = function emitWithHandoff(event, error, ...rest) {
        if (event === 'listening') {
          const address = server.address();
          if (address && typeof address === 'object') {
            process.stderr.write(`port-handoff: listening on ${address.address}:${address.port} with SO_REUSEPORT\n`);
          }
        }
        const waiting = Date.now() - server.portHandoff.started < limitMs;
        if (event === 'error' && error && error.code === 'EADDRINUSE' && waiting) {
          if (!server.portHandoff.announced) {
            server.portHandoff.announced = true;
            process.stderr.write(`port-handoff: ${error.address}:${error.port} is busy; waiting for the previous version\n`);
          }
          const retryArgs = args.filter((arg) => typeof arg !== 'function');
          setTimeout(() => listen.apply(server, retryArgs), 50);
          return true;
        }
        return emit.call(this, event, error, ...rest);
      };
    }
    return listen.apply(server, args);
  };
}
