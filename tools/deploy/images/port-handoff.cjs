// Preloaded by every FACTSWAY image (`node --require /app/port-handoff.cjs`).
//
// On one machine with host networking (the local podman engine), two versions of a service
// cannot hold its port at once. With PORT_HANDOFF_SECONDS set, a server whose port is taken does
// not fail with EADDRINUSE: it retries every 50 ms for that long, so the new version boots while
// the old one still serves and binds the moment the old one lets go. Unset (Kubernetes: every
// pod has its own network namespace), nothing changes.
'use strict';
const net = require('node:net');

const limitMs = Number(process.env.PORT_HANDOFF_SECONDS || 0) * 1000;

if (limitMs > 0) {
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function listenWithHandoff(...args) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the nested emit wrapper needs this server
    const server = this;
    if (!server.portHandoff) {
      server.portHandoff = { started: Date.now(), announced: false };
      const emit = server.emit;
      server.emit = function emitWithHandoff(event, error, ...rest) {
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
