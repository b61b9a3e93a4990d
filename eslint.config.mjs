import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The repository root: workspace boundaries are computed from it, whatever directory eslint runs in. */
const ROOT = path.dirname(fileURLToPath(import.meta.url));

const SERVICES = ['auth', 'customer', 'risk-engine', 'notifications', 'ledger-wallets', 'reporting', 'gateway'];

/** `name` and its subpaths (`mongodb/lib/x`), never a local file that happens to share the name. */
const packages = (...names) => `^(${names.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})(/.*)?$`;

// The dependency rules, each an import pattern with the message its violation prints.
// The platform's driver adapters (its kafka, mongo and redis entry points) count as drivers.
const DRIVERS = {
  regex: packages('kafkajs', 'mongoose', 'mongodb', 'ioredis', '@cashout/platform/kafka', '@cashout/platform/mongo', '@cashout/platform/redis'),
  message: 'drivers are imported only by adapters (infrastructure/) and composition roots (*.module.ts, main.ts)',
};
const EXPRESS = {
  regex: packages('express'),
  message: "express belongs to the gateway's HTTP layer (src/http/, src/console/, create-gateway-app.ts): use its types from src/http/",
};
const FRAMEWORKS = {
  regex: `^@nestjs/|${packages('express', 'bcryptjs', 'jose', 'prom-client', 'pino')}`,
  message: 'domain code imports no framework or library with side effects: only the language, zod and shared-contracts',
};
const DOMAIN_DRIVERS = { ...DRIVERS, message: FRAMEWORKS.message };
const otherServices = (service) => {
  const others = SERVICES.filter((other) => other !== service).join('|');
  return {
    regex: `^@cashout/(${others})(/.*)?$|(^|/)services/(${others})(/|$)`,
    message: 'services talk only through messages in @cashout/shared-contracts',
  };
};
const ANY_SERVICE = { ...otherServices(undefined), message: 'the platform serves the services and imports none of them' };
const CONTRACTS_ISOLATION = [
  { regex: '^@cashout/', message: 'shared-contracts imports nothing of the repository: every workspace depends on it, never the reverse' },
  { ...DRIVERS, message: 'shared-contracts imports no driver or framework: messages and schemas only (zod)' },
  { ...FRAMEWORKS, message: 'shared-contracts imports no driver or framework: messages and schemas only (zod)' },
];

/**
 * One config object's import restrictions. The rule's options are not merged across config
 * objects (the last one matching a file wins), so each object lists every restriction that
 * holds for its files; the objects below go from the widest files to the narrowest.
 * The typescript-eslint variant also sees `import x = require('...')` and `import type`.
 */
const restrict = (files, restrictions, ignores = []) => ({
  files,
  ignores,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: restrictions }] },
});

/** Where a service may touch a driver: its adapters and its composition roots (seeders sit in infrastructure/). */
const DRIVER_PLACES = (service) => [
  `services/${service}/src/**/infrastructure/**/*.ts`,
  `services/${service}/src/**/*.module.ts`,
  `services/${service}/src/main.ts`,
];
/** The gateway's HTTP layer: the pipeline, the error filter, the request types, the static console adapter, the app factory. */
const EXPRESS_PLACES = ['services/gateway/src/http/**/*.ts', 'services/gateway/src/console/**/*.ts', 'services/gateway/src/create-gateway-app.ts'];

const serviceRules = SERVICES.flatMap((service) => {
  const isolation = otherServices(service);
  return [
    restrict([`services/${service}/**/*.ts`], [isolation]),
    restrict([`services/${service}/src/**/*.ts`], [isolation, DRIVERS, EXPRESS]),
    restrict(DRIVER_PLACES(service), [isolation, EXPRESS]),
    ...(service === 'gateway' ? [restrict(EXPRESS_PLACES, [isolation, DRIVERS])] : []),
    restrict([`services/${service}/src/domain/**/*.ts`], [isolation, DOMAIN_DRIVERS, FRAMEWORKS]),
  ];
});

/** The platform's adapters, the only files of platform/src that import a driver. */
const PLATFORM_ADAPTERS = [
  'platform/src/messaging/kafka-message-bus.ts',
  'platform/src/messaging/kafka-lag-poller.ts',
  'platform/src/messaging/kafka-records.ts',
  'platform/src/persistence/mongo-connection.ts',
  'platform/src/persistence/mongo-support.ts',
  'platform/src/persistence/mongo-stream-store.ts',
  'platform/src/persistence/insert-batcher.ts',
  'platform/src/persistence/redis-connection.ts',
  'platform/src/persistence/redis-connection.closer.ts',
];

/** The root of the workspace a repository path belongs to, if it belongs to one. */
const WORKSPACE = /^(services\/[^/]+|apps\/[^/]+|platform|shared-contracts|testkit)\//;

/**
 * Relative imports stay inside their workspace. A path such as `../../customer/src/x` would
 * slip past every package-name rule above; across workspaces the import names the package
 * (@cashout/...), which those rules check.
 */
const relativeImportsStayInWorkspace = {
  meta: {
    type: 'problem',
    docs: { description: 'relative imports do not leave their workspace' },
    messages: { leaves: "'{{source}}' leaves {{workspace}}: import another workspace by its package name (@cashout/...)" },
    schema: [],
  },
  create(context) {
    const file = path.relative(ROOT, context.filename).split(path.sep).join('/');
    const workspace = WORKSPACE.exec(file)?.[1];
    if (workspace === undefined) return {};
    const check = (node, source) => {
      if (source?.type !== 'Literal' || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = path.relative(path.join(ROOT, workspace), path.resolve(path.dirname(context.filename), source.value));
      if (target === '..' || target.startsWith(`..${path.sep}`)) {
        context.report({ node, messageId: 'leaves', data: { source: source.value, workspace } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportEqualsDeclaration: (node) => check(node, node.moduleReference.expression),
      'CallExpression[callee.name="require"]': (node) => check(node, node.arguments[0]),
    };
  },
};

export default tseslint.config(
  {
    // Built output, installed packages, local state of the tooling: nothing written by hand.
    ignores: ['**/dist/**', '**/.typecheck/**', '**/node_modules/**', '**/coverage/**', '.infra/**', '.turbo/**', '.bench/**', '.fuzz/**', '.venv-fuzz/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { cashout: { rules: { 'relative-imports-stay-in-workspace': relativeImportsStayInWorkspace } } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-console': 'error',
      'cashout/relative-imports-stay-in-workspace': 'error',
    },
  },
  // Hand-written JavaScript (infra scripts, jest configs, the testkit's global setup, a worker):
  // Node programs, CommonJS unless .mjs. Scripts and CLIs print by design.
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module', globals: globals.node } },
  { files: ['infra/scripts/**/*.js'], rules: { 'no-console': 'off' } },
  // Services import nothing from each other (only shared-contracts and the platform); drivers
  // only in adapters and composition roots; express only in the gateway's HTTP layer; domain
  // code imports no framework, driver or library with side effects.
  ...serviceRules,
  // The platform imports no service; its drivers stay in its adapters (ports, config, the rest import none).
  restrict(['platform/**/*.ts'], [ANY_SERVICE]),
  restrict(
    ['platform/src/**/*.ts'],
    [ANY_SERVICE, { ...DRIVERS, message: 'in the platform only the adapters import a driver: ports, config and the rest stay driver-free' }],
    PLATFORM_ADAPTERS,
  ),
  // Every workspace depends on shared-contracts: it depends on nothing of the repository, and on no driver or framework.
  restrict(['shared-contracts/**/*.ts'], CONTRACTS_ISOLATION),
);
