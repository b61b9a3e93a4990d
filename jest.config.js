/** One jest run over every workspace; sources are compiled on the fly, no build needed. */
const workspaces = [
  'shared-contracts',
  'platform',
  'services/auth',
  'services/customer',
  'services/risk-engine',
  'services/notifications',
  'services/ledger-wallets',
  'services/gateway',
  'apps/embedded',
];

const path = require('path');

/** Workspaces import each other's sources, so tests never need a build. */
const moduleNameMapper = Object.fromEntries(
  workspaces
    .filter((dir) => dir !== 'apps/embedded')
    .map((dir) => [`^@cashout/${path.basename(dir)}$`, path.resolve(__dirname, dir, 'src')]),
);

module.exports = {
  projects: workspaces.map((dir) => ({
    displayName: dir.split('/').pop(),
    rootDir: `<rootDir>/${dir}`,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
    transform: {
      '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
    },
    moduleNameMapper,
    setupFiles: ['reflect-metadata'],
  })),
};
