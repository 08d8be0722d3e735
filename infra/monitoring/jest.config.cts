module.exports = {
  displayName: 'monitoring',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  // The alert drills mostly wait for `for: 1m`; let the promtool suites run meanwhile.
  maxWorkers: 2,
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../coverage/infra/monitoring',
};
