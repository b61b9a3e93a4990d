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

const moduleNameMapper = {
  '^@cashout/shared-contracts$': '<rootDir>/../../shared-contracts/src',
  '^@cashout/platform$': '<rootDir>/../../platform/src',
};

module.exports = {
  projects: workspaces.map((dir) => ({
    displayName: dir.split('/').pop(),
    rootDir: `<rootDir>/${dir}`,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
    transform: {
      '^.+\\.ts$': ['ts-jest', { isolatedModules: true, tsconfig: '<rootDir>/tsconfig.json' }],
    },
    moduleNameMapper: Object.fromEntries(
      Object.entries(moduleNameMapper).map(([k, v]) => [
        k,
        v.replace('<rootDir>/../..', require('path').resolve(__dirname)),
      ]),
    ),
    setupFiles: ['reflect-metadata'],
  })),
};
