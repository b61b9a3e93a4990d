import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { loadAuthConfig } from '@cashout/auth';
import { REPO_ROOT, runCli } from '@cashout/distributed';
import { parseBenchOptions } from './options/bench-options';
import { buildBenchReport } from './report/bench-report';
import { printTable } from './report/print-table';
import { runBench } from './run-bench';

/** The cost the services would hash with here: BCRYPT_COST_PIN when set, else their default. */
const configuredCost = () => loadAuthConfig({ APP_ENV: 'test', BCRYPT_COST_PIN: process.env.BCRYPT_COST_PIN }).bcryptCostPin;

/**
 * `npm run bench`: exit 0 when every run's money was exact and every cash-out succeeded,
 * 1 otherwise, 2 on bad options, 3 when the bench itself could not run.
 */
runCli(
  'bench',
  (argv) => parseBenchOptions(argv, configuredCost()),
  async ({ options, say, onCleanup }) => {
    const startedAt = new Date();
    const result = await runBench(options, say, onCleanup);
    const report = buildBenchReport(options, result, startedAt, Date.now() - startedAt.getTime());
    const path = resolve(REPO_ROOT, options.jsonOut ?? resolve(REPO_ROOT, '.bench', `bench-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
    printTable(report, relative(REPO_ROOT, path), say);
    const clean = report.exact && report.modes.every((mode) => mode.figures.failed === 0);
    return clean ? 0 : 1;
  },
);
