const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  // Integration tests start real PostgreSQL, Prometheus and HTTP servers.
  testTimeout: 60_000,
};
