import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { REPO_ROOT } from '@cashout/distributed';
import { FuzzResult } from './run-fuzz';
import { failureSection } from './schemathesis-run';

export interface Verdict {
  requests: number;
  serverErrors: number;
  failures: number;
  problems: string[];
}

/** Clean when schemathesis found nothing, the server answered no 5xx, and enough requests were made. */
export function verdictOf(result: FuzzResult, minRequests: number): Verdict {
  const problems: string[] = [];
  let requests = 0;
  let serverErrors = 0;
  let failures = 0;
  for (const { persona, outcome, requests: counted } of result.personas) {
    requests += counted.total;
    for (const error of counted.serverErrors) {
      serverErrors += error.count;
      problems.push(`${persona}: the server answered ${error.key} ${error.count} times`);
    }
    for (const failure of outcome.failures) {
      failures += 1;
      problems.push(`${persona}: ${failure.title} (${failure.count}x) in ${failure.operations.join(', ')}`);
    }
    for (const error of outcome.errors) problems.push(`${persona}: schemathesis error: ${error.title} (${error.count}x)`);
    if (outcome.exitCode !== 0 && outcome.failures.length === 0 && outcome.errors.length === 0) {
      problems.push(`${persona}: schemathesis exited with ${outcome.exitCode}; see ${outcome.logFile}`);
    }
  }
  if (requests < minRequests) problems.push(`only ${requests} requests reached the server; at least ${minRequests} are required`);
  return { requests, serverErrors, failures, problems };
}

const pad = (text: string | number, width: number) => String(text).padStart(width);

/** The table of the run, schemathesis's own account of any failure, and the verdict. */
export function printReport(result: FuzzResult, verdict: Verdict, elapsedS: number, say: (line: string) => void): void {
  say('');
  say('persona    seconds  requests     2xx     4xx  5xx  test cases  failures  seed');
  for (const { persona, seconds, outcome, requests } of result.personas) {
    const by = (statusClass: string) => requests.byClass[statusClass] ?? 0;
    say(
      `${persona.padEnd(9)} ${pad(seconds, 8)} ${pad(requests.total, 9)} ${pad(by('2xx'), 7)} ${pad(by('4xx'), 7)} ${pad(by('5xx'), 4)} ${pad(outcome.testCases, 11)} ${pad(outcome.failures.length, 9)}  ${outcome.seed}`,
    );
  }
  for (const { persona, outcome } of result.personas) {
    for (const [kind, operations] of Object.entries(outcome.warnings)) say(`${persona}: warning ${kind}: ${operations.join(', ')}`);
  }
  for (const { persona, outcome } of result.personas) {
    if (outcome.exitCode === 0) continue;
    say('');
    say(`---- ${persona}: schemathesis's report (${relative(REPO_ROOT, outcome.logFile)})`);
    say(failureSection(readFileSync(outcome.logFile, 'utf8')));
  }
  say('');
  say(
    `fuzzing: ${verdict.requests} requests in ${elapsedS.toFixed(0)} s, ${verdict.failures} failures, ${verdict.serverErrors} server errors; server log ${relative(REPO_ROOT, result.serverLog)}`,
  );
  for (const problem of verdict.problems) say(`FAILED: ${problem}`);
  if (verdict.problems.length === 0) say('fuzzing: clean');
}
