/** The jest projects, one per workspace; sources are compiled on the fly, no build needed. */
const path = require('path');

const WORKSPACES = [
  'shared-contracts',
  'platform',
  'testkit',
  'services/auth',
  'services/customer',
  'services/risk-engine',
  'services/notifications',
  'services/ledger-wallets',
  'services/reporting',
  'services/gateway',
  'apps/embedded',
  'apps/distributed',
  'apps/chaos',
  'apps/bench',
  'apps/fuzz',
  'apps/ops',
  'apps/console',
];

/** Workspaces import each other's sources, so tests never need a build. */
const moduleNameMapper = {
  // The platform's driver adapters are entry points of their own (its package.json exports).
  '^@cashout/platform/(kafka|mongo|redis)$': path.resolve(__dirname, 'platform/src/$1'),
  ...Object.fromEntries(
    WORKSPACES.filter((dir) => dir !== 'apps/embedded').map((dir) => [`^@cashout/${path.basename(dir)}$`, path.resolve(__dirname, dir, 'src')]),
  ),
};

/** Test tiers by suffix: *.spec.ts (unit, service, e2e on the embedded default), *.int.spec.ts (real servers). */
module.exports = function projects(tier) {
  return WORKSPACES.map((dir) => ({
    displayName: path.basename(dir),
    rootDir: path.resolve(__dirname, dir),
    testEnvironment: 'node',
    testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
    testPathIgnorePatterns: tier === 'integration' ? ['/node_modules/', '^((?!\\.int\\.spec\\.ts$).)*$'] : ['/node_modules/', '\\.int\\.spec\\.ts$'],
    transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
    moduleNameMapper,
    setupFiles: ['reflect-metadata'],
  }));
};
