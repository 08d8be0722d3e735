// The podman drills (src/drills) build nine images and roll real pods: 15-20 minutes on 2 cores,
// and not yet reliable enough to gate every change. They run with `npx nx run deploy:drills`,
// which sets FACTSWAY_DEPLOY_DRILLS=1; `npm test` runs the unit tests of the deploy logic.
const runDrills = process.env['FACTSWAY_DEPLOY_DRILLS'] === '1';

module.exports = {
  displayName: 'deploy',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }]
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  testPathIgnorePatterns: runDrills ? ['/node_modules/'] : ['/node_modules/', '/src/drills/'],
  coverageDirectory: '../../coverage/tools/deploy'
};
