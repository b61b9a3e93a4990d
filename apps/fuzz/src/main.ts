import { mkdirSync, rmSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { REPO_ROOT } from '@cashout/distributed';
import { FuzzOptions, parseFuzzOptions } from './options';
import { ensureSchemathesis } from './python-env';
import { printReport, verdictOf } from './report';
import { runFuzz } from './run-fuzz';

const say = (line: string) => process.stdout.write(`${line}\n`);

/**
 * `npm run fuzz`: exit 0 when schemathesis found nothing, the server answered no 5xx and
 * enough requests were made; 1 otherwise; 2 on bad options; 3 when the fuzzing could not run.
 */
async function main(): Promise<number> {
  let options: FuzzOptions;
  try {
    options = parseFuzzOptions(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const cleanups: Array<() => Promise<void>> = [];
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      say(`${signal}: stopping`);
      void Promise.allSettled(cleanups.map((cleanup) => cleanup())).finally(() => process.exit(130));
    });
  }
  const started = Date.now();
  const st = ensureSchemathesis(resolve(REPO_ROOT, '.venv-fuzz'), say);
  const outDir = resolve(REPO_ROOT, '.fuzz');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  say(`fuzz: reports in ${relative(REPO_ROOT, outDir)}/`);
  const result = await runFuzz(options, st, outDir, say, (cleanup) => cleanups.push(cleanup));
  const verdict = verdictOf(result, options.minRequests);
  printReport(result, verdict, (Date.now() - started) / 1000, say);
  return verdict.problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`fuzz failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(3);
  },
);
