/**
 * `npm run test:browser`: the *.browser.spec.ts suites, pages of the embedded default in a real
 * headless Chromium (apps/browser-tests/src/harness.ts). They start servers and browsers, so
 * one at a time, with room for a slow machine.
 */
const path = require('path');

// The same @cashout/* → sources mapping as the other tiers (identical in every project).
const [{ moduleNameMapper }] = require('./jest.projects')('default');

module.exports = {
  displayName: 'browser',
  rootDir: __dirname,
  roots: ['<rootDir>/apps'],
  testEnvironment: 'node',
  testMatch: ['**/*.browser.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/\\.typecheck/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: path.resolve(__dirname, 'apps/browser-tests/tsconfig.json') }] },
  moduleNameMapper,
  setupFiles: ['reflect-metadata'],
  maxWorkers: 1,
  testTimeout: 120_000,
};
