import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const SERVICES = ['auth', 'customer', 'risk-engine', 'notifications', 'ledger-wallets', 'reporting', 'gateway'];
const DRIVERS = ['kafkajs', 'mongoose', 'mongodb', 'ioredis', 'express', '@nestjs/*', 'bcryptjs'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/.typecheck/**', '**/node_modules/**', '**/*.js', '**/*.mjs', '.infra/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-console': 'error',
    },
  },
  // Services import nothing from each other: only shared-contracts and the platform.
  ...SERVICES.map((service) => ({
    files: [`services/${service}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: SERVICES.filter((other) => other !== service).map((other) => ({
            group: [`@cashout/${other}`, `**/services/${other}/**`],
            message: 'services talk only through messages in @cashout/shared-contracts',
          })),
        },
      ],
    },
  })),
  // Domain code is pure: no framework, driver or hashing library.
  {
    files: ['services/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: DRIVERS.map((name) => ({ group: [name], message: 'domain code imports no driver or framework' })) },
      ],
    },
  },
);
