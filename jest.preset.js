const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  // Integration tests start real PostgreSQL, Prometheus and HTTP servers.
  testTimeout: 60_000,
  // jose ships only ES modules; Node loads them natively, jest (CommonJS) needs them compiled.
  transform: {
    '/node_modules/jose/.+\\.js$': ['babel-jest', { plugins: ['@babel/plugin-transform-modules-commonjs'], babelrc: false, configFile: false }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
};
