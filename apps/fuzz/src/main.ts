import { mkdirSync, rmSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { REPO_ROOT, runCli } from '@cashout/distributed';
import { parseFuzzOptions } from './options';
import { ensureSchemathesis } from './python-env';
import { printReport, verdictOf } from './report';
import { runFuzz } from './run-fuzz';

/**
 * `npm run fuzz`: exit 0 when schemathesis found nothing, the server answered no 5xx and
 * enough requests were made; 1 otherwise; 2 on bad options; 3 when the fuzzing could not run.
 */
runCli(
  'fuzz',
  (argv) => parseFuzzOptions(argv, process.env),
  async ({ options, say, onCleanup }) => {
    const started = Date.now();
    const st = ensureSchemathesis(resolve(REPO_ROOT, '.venv-fuzz'), say);
    const outDir = resolve(REPO_ROOT, '.fuzz');
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    say(`fuzz: reports in ${relative(REPO_ROOT, outDir)}/`);
    const result = await runFuzz(options, st, outDir, say, onCleanup);
    const verdict = verdictOf(result, options.minRequests);
    printReport(result, verdict, (Date.now() - started) / 1000, say);
    return verdict.problems.length === 0 ? 0 : 1;
  },
);
