import { randomInt } from 'node:crypto';
import { parseChaosOptions } from './options/chaos-options';
import { printReport } from './report/print-report';
import { runChaos } from './run-chaos';

const say = (line: string) => process.stdout.write(`${line}\n`);

/**
 * `npm run chaos`: exit 0 when every invariant held, 1 on any violation, 2 on bad options,
 * 3 when the run itself could not complete.
 */
async function main(): Promise<number> {
  let options;
  try {
    options = parseChaosOptions(process.argv.slice(2), process.env, () => randomInt(1, 2 ** 31 - 1));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  say(`chaos: seed ${options.seed}${options.ci ? ' (CI mode)' : ''}; replay with --seed ${options.seed}`);
  let cleanup: (() => Promise<void>) | undefined;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      say(`${signal}: stopping the stack`);
      void (cleanup ? cleanup() : Promise.resolve()).finally(() => process.exit(130));
    });
  }
  const started = Date.now();
  const { report, reportPath } = await runChaos(options, say, (registered) => {
    cleanup = registered;
  });
  printReport(report, reportPath, say);
  say(`chaos finished in ${Math.round((Date.now() - started) / 1000)} s`);
  return report.verdict === 'PASS' ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`chaos run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(3);
  },
);
