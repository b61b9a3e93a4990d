import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * The dependency rules of eslint.config.mjs bite: each violating import, at a virtual path in
 * the right place, is an error with the rule's message, and the same import where the
 * architecture allows it passes without a single message (so the path is linted, not ignored).
 */

type Report = { ruleId: string | null; severity: number; message: string };
type Case = { name: string; filePath: string; code: string; fails?: { ruleId: string; message: string } };

const RESTRICTED = '@typescript-eslint/no-restricted-imports';
const RELATIVE = 'cashout/relative-imports-stay-in-workspace';
const DRIVER_RULE = { ruleId: RESTRICTED, message: 'drivers are imported only by adapters' };
const EXPRESS_RULE = { ruleId: RESTRICTED, message: "express belongs to the gateway's HTTP layer" };
const DOMAIN_RULE = { ruleId: RESTRICTED, message: 'domain code imports no framework' };
const SERVICES_RULE = { ruleId: RESTRICTED, message: 'services talk only through messages in @cashout/shared-contracts' };
const PLATFORM_DRIVER_RULE = { ruleId: RESTRICTED, message: 'in the platform only the adapters import a driver' };
const CONTRACTS_REPO_RULE = { ruleId: RESTRICTED, message: 'shared-contracts imports nothing of the repository' };
const CONTRACTS_DRIVER_RULE = { ruleId: RESTRICTED, message: 'shared-contracts imports no driver or framework' };
const RELATIVE_RULE = { ruleId: RELATIVE, message: 'import another workspace by its package name' };

/** A module that imports `name` (default import) from `source` and uses it, clean under every other rule. */
const importing = (source: string, name = 'dependency'): string => `import ${name} from '${source}';\n\nexport const used = ${name};\n`;

const CASES: Case[] = [
  // 1. Drivers only in adapters and composition roots; express only in the gateway's HTTP layer.
  {
    name: 'kafkajs in a service handler',
    filePath: 'services/auth/src/login/login.handler.ts',
    code: "import { Kafka } from 'kafkajs';\n\nexport const used = Kafka;\n",
    fails: DRIVER_RULE,
  },
  {
    name: 'kafkajs in a service adapter',
    filePath: 'services/auth/src/infrastructure/x.ts',
    code: "import { Kafka } from 'kafkajs';\n\nexport const used = Kafka;\n",
  },
  {
    name: 'an ioredis type in a gateway controller',
    filePath: 'services/gateway/src/operations/operations.controller.ts',
    code: "import type Redis from 'ioredis';\n\nexport type Used = Redis;\n",
    fails: DRIVER_RULE,
  },
  {
    name: 'mongodb through import-equals outside the adapters',
    filePath: 'services/reporting/src/queries/x.ts',
    code: "import mongodb = require('mongodb');\n\nexport const used = mongodb;\n",
    fails: DRIVER_RULE,
  },
  { name: 'a mongoose subpath outside the adapters', filePath: 'services/customer/src/profile/x.ts', code: importing('mongoose/lib/x'), fails: DRIVER_RULE },
  {
    name: "the platform's MongoDB entry point in a use case",
    filePath: 'services/auth/src/verify-pin/x.ts',
    code: "import { connectMongo } from '@cashout/platform/mongo';\n\nexport const used = connectMongo;\n",
    fails: DRIVER_RULE,
  },
  {
    name: "the platform's Redis entry point in a service adapter",
    filePath: 'services/gateway/src/infrastructure/x.ts',
    code: "import { connectRedis } from '@cashout/platform/redis';\n\nexport const used = connectRedis;\n",
  },
  {
    name: "the platform's Kafka entry point in main.ts",
    filePath: 'services/customer/src/main.ts',
    code: "import { runServiceProcess } from '@cashout/platform/kafka';\n\nexport const used = runServiceProcess;\n",
  },
  { name: 'mongoose in a composition root (*.module.ts)', filePath: 'services/customer/src/customer.module.ts', code: importing('mongoose') },
  { name: 'ioredis in main.ts', filePath: 'services/risk-engine/src/main.ts', code: importing('ioredis') },
  { name: 'mongoose in a seeder under infrastructure/', filePath: 'services/auth/src/infrastructure/users.seeder.ts', code: importing('mongoose') },
  {
    name: 'express in a gateway controller',
    filePath: 'services/gateway/src/login/login.controller.ts',
    code: "import type { Response } from 'express';\n\nexport type Used = Response;\n",
    fails: EXPRESS_RULE,
  },
  { name: 'express in an adapter of another service', filePath: 'services/auth/src/infrastructure/x.ts', code: importing('express'), fails: EXPRESS_RULE },
  { name: "express in the gateway's http/", filePath: 'services/gateway/src/http/x.ts', code: importing('express') },
  { name: "express in the gateway's console/ static adapter", filePath: 'services/gateway/src/console/console.static.ts', code: importing('express') },
  { name: 'express in create-gateway-app.ts', filePath: 'services/gateway/src/create-gateway-app.ts', code: importing('express') },
  { name: "a driver in the gateway's http/", filePath: 'services/gateway/src/http/x.ts', code: importing('ioredis'), fails: DRIVER_RULE },
  { name: 'kafkajs in a platform port', filePath: 'platform/src/messaging/message-bus.port.ts', code: importing('kafkajs'), fails: PLATFORM_DRIVER_RULE },
  { name: 'mongoose in the platform config', filePath: 'platform/src/config/env.ts', code: importing('mongoose'), fails: PLATFORM_DRIVER_RULE },
  { name: 'kafkajs in the platform Kafka adapter', filePath: 'platform/src/messaging/kafka-message-bus.ts', code: importing('kafkajs') },
  {
    name: 'a service in the platform',
    filePath: 'platform/src/x.ts',
    code: importing('@cashout/gateway'),
    fails: { ruleId: RESTRICTED, message: 'the platform serves the services' },
  },
  // 2. Domain code imports no framework or driver.
  ...['@nestjs/common', '@nestjs/cqrs', 'express', 'bcryptjs', 'jose', 'prom-client', 'pino', 'mongoose', 'kafkajs'].map((source) => ({
    name: `${source} in domain code`,
    filePath: 'services/auth/src/domain/x.ts',
    code: importing(source),
    fails: DOMAIN_RULE,
  })),
  {
    name: 'zod and shared-contracts in domain code',
    filePath: 'services/auth/src/domain/x.ts',
    code: "import { z } from 'zod';\nimport { TOPICS } from '@cashout/shared-contracts';\n\nexport const used = [z, TOPICS];\n",
  },
  // 3. No service imports another, by package name or by relative path, from any layer.
  { name: 'another service by package name', filePath: 'services/auth/src/x.ts', code: importing('@cashout/ledger-wallets'), fails: SERVICES_RULE },
  { name: 'another service from domain code', filePath: 'services/auth/src/domain/x.ts', code: importing('@cashout/customer'), fails: SERVICES_RULE },
  { name: 'another service from an adapter', filePath: 'services/gateway/src/infrastructure/x.ts', code: importing('@cashout/auth'), fails: SERVICES_RULE },
  { name: 'another service from a test', filePath: 'services/auth/test/x.spec.ts', code: importing('@cashout/risk-engine'), fails: SERVICES_RULE },
  {
    name: "another service's sources by a relative path",
    filePath: 'services/auth/src/login/x.ts',
    code: importing('../../../customer/src/customer.module'),
    fails: RELATIVE_RULE,
  },
  {
    name: "another service's sources through services/",
    filePath: 'services/auth/src/x.ts',
    code: importing('../../../services/customer/src'),
    fails: SERVICES_RULE,
  },
  {
    name: 'a service reaching into the platform by a relative path',
    filePath: 'services/auth/src/x.ts',
    code: importing('../../../platform/src'),
    fails: RELATIVE_RULE,
  },
  {
    name: 'the platform, shared-contracts and its own files',
    filePath: 'services/auth/src/login/x.ts',
    code: "import { MESSAGE_BUS } from '@cashout/platform';\nimport { TOPICS } from '@cashout/shared-contracts';\nimport dependency from '../domain/x';\n\nexport const used = [MESSAGE_BUS, TOPICS, dependency];\n",
  },
  // 4. shared-contracts imports nothing of the repository, no driver, no framework.
  { name: 'the platform in shared-contracts', filePath: 'shared-contracts/src/x.ts', code: importing('@cashout/platform'), fails: CONTRACTS_REPO_RULE },
  { name: 'a service in shared-contracts', filePath: 'shared-contracts/src/x.ts', code: importing('@cashout/gateway'), fails: CONTRACTS_REPO_RULE },
  {
    name: 'the platform in shared-contracts by a relative path',
    filePath: 'shared-contracts/src/x.ts',
    code: importing('../../platform/src'),
    fails: RELATIVE_RULE,
  },
  { name: 'a framework in shared-contracts', filePath: 'shared-contracts/src/x.ts', code: importing('@nestjs/common'), fails: CONTRACTS_DRIVER_RULE },
  { name: 'a driver in shared-contracts', filePath: 'shared-contracts/src/x.ts', code: importing('kafkajs'), fails: CONTRACTS_DRIVER_RULE },
  { name: 'zod in shared-contracts', filePath: 'shared-contracts/src/x.ts', code: "import { z } from 'zod';\n\nexport const used = z;\n" },
  // 5. Hand-written JavaScript is linted: CommonJS with Node's globals.
  {
    name: 'a CommonJS infra script',
    filePath: 'infra/scripts/x.js',
    code: "'use strict';\nconst { Kafka } = require('kafkajs');\n\nmodule.exports = { Kafka, brokers: process.env.KAFKA_BROKERS };\nconsole.log(__dirname);\n",
  },
  {
    name: 'an unused variable in an infra script',
    filePath: 'infra/scripts/x.js',
    code: "'use strict';\nconst unused = require('kafkajs');\n",
    fails: { ruleId: '@typescript-eslint/no-unused-vars', message: "'unused' is assigned a value but never used" },
  },
  {
    name: 'an undefined global in the testkit',
    filePath: 'testkit/x.js',
    code: 'module.exports = async () => startServers();\n',
    fails: { ruleId: 'no-undef', message: "'startServers' is not defined" },
  },
  {
    name: 'a CommonJS jest config',
    filePath: 'jest.x.config.js',
    code: "const path = require('path');\n\nmodule.exports = { rootDir: path.resolve(__dirname) };\n",
  },
];

/** Every case through one ESLint process (see lint-texts.mjs for why a process). */
function lintAll(cases: Case[]): Report[][] {
  const output = execFileSync(process.execPath, [resolve(__dirname, 'lint-texts.mjs')], {
    input: JSON.stringify(cases.map(({ filePath, code }) => ({ filePath, code }))),
    encoding: 'utf8',
  });
  return JSON.parse(output) as Report[][];
}

describe('the dependency rules of the lint', () => {
  let reports: Report[][];
  beforeAll(() => {
    reports = lintAll(CASES);
  }, 60_000);

  const failing = CASES.filter((c) => c.fails !== undefined);
  const passing = CASES.filter((c) => c.fails === undefined);

  it.each(failing.map((c) => [c.name, c] as const))('%s is an error', (_name, c) => {
    const expected = c.fails as NonNullable<Case['fails']>;
    expect(reports[CASES.indexOf(c)]).toContainEqual({ ruleId: expected.ruleId, severity: 2, message: expect.stringContaining(expected.message) });
  });

  it.each(passing.map((c) => [c.name, c] as const))('%s passes', (_name, c) => {
    expect(reports[CASES.indexOf(c)]).toEqual([]);
  });
});
