import { randomInt } from 'node:crypto';
import { runCli } from '@cashout/distributed';
import { parseChaosOptions } from './options/chaos-options';
import { printReport } from './report/print-report';
import { runChaos } from './run-chaos';

/**
 * `npm run chaos`: exit 0 when every invariant held, 1 on any violation, 2 on bad options,
 * 3 when the run itself could not complete.
 */
runCli(
  'chaos run',
  (argv) => parseChaosOptions(argv, process.env, () => randomInt(1, 2 ** 31 - 1)),
  async ({ options, say, onCleanup }) => {
    say(`chaos: seed ${options.seed}${options.ci ? ' (CI mode)' : ''}; replay with --seed ${options.seed}`);
    const started = Date.now();
    const { report, reportPath } = await runChaos(options, say, onCleanup);
    printReport(report, reportPath, say);
    say(`chaos finished in ${Math.round((Date.now() - started) / 1000)} s`);
    return report.verdict === 'PASS' ? 0 : 1;
  },
);
