// Preloaded (node -r) into every service the local platform starts. Services run in their own
// process group, so a terminal's Ctrl-C reaches only the supervisor, which stops them in order.
// If the supervisor dies without stopping them (e.g. SIGKILL), the service is re-parented:
// it then sends itself SIGTERM and drains and exits as it would on any shutdown.
const supervisor = process.ppid;
const watch = setInterval(() => {
  if (process.ppid !== supervisor) {
    clearInterval(watch);
    process.kill(process.pid, 'SIGTERM');
  }
}, 500);
watch.unref();
