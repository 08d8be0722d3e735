// Build options for records-service (esbuild, via the project's build target).
// Embeds the platform version (the root package.json, Nx release fixed group) so that
// /health reports it even when APP_VERSION is not set.
const { version } = require('../../package.json');

module.exports = {
  sourcemap: true,
  // dist/apps/records-service/main.js, where the local platform runs it.
  outExtension: { '.js': '.js' },
  define: { 'process.env.FACTSWAY_BUILD_VERSION': JSON.stringify(version) },
};
