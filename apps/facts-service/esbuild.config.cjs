// Build options for facts-service (esbuild, via the project's build target).
// Embeds the platform version (the root package.json, Nx release fixed group) so that
// /health reports it even when APP_VERSION is not set.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const { version } = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));

module.exports = {
  sourcemap: true,
  // dist/apps/facts-service/main.js, where the local platform runs it.
  outExtension: { '.js': '.js' },
  define: { 'process.env.FACTSWAY_BUILD_VERSION': JSON.stringify(version) },
};
