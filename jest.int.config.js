/**
 * `npm run test:int`: the *.int.spec.ts suites against real Kafka, MongoDB (FerretDB here)
 * and Redis, found by the global setup; a missing server fails the run.
 */
module.exports = {
  projects: require('./jest.projects')('integration'),
  globalSetup: '<rootDir>/testkit/global-setup.js',
  globalTeardown: '<rootDir>/testkit/global-teardown.js',
  testTimeout: 60_000,
};
