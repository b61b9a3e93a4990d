import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The checks on every answer: no 5xx, the body matches the documented schema, the status and
 * the content type are documented for the operation, and so are the response headers.
 */
export const CHECKS = [
  'not_a_server_error',
  'response_schema_conformance',
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
] as const;

export interface SchemathesisRun {
  st: string;
  /** Where the config, the reports, the log and schemathesis's own caches go. */
  dir: string;
  configFile: string;
  schemaUrl: string;
  seconds: number;
  maxExamples: number;
  seed?: string;
  ci: boolean;
}

/** What the JSON report says, as far as the verdict needs it. */
export interface SchemathesisOutcome {
  exitCode: number;
  seed: string;
  testCases: number;
  failures: Array<{ title: string; count: number; operations: string[] }>;
  errors: Array<{ title: string; count: number }>;
  /** Warning kind -> operations (authentication only 401/403, data mostly rejected, ...). */
  warnings: Record<string, string[]>;
  logFile: string;
}

const JSON_REPORT = 'report.json';

interface JsonReport {
  seed?: unknown;
  exit_code?: unknown;
  test_cases?: { generated?: unknown };
  failures?: Array<{ title?: unknown; count?: unknown; operations?: unknown }>;
  errors?: Array<{ title?: unknown; count?: unknown }>;
  warnings?: Record<string, unknown>;
}

const asStrings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
const asCount = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

export function readJsonReport(text: string, exitCode: number, logFile: string): SchemathesisOutcome {
  const report = JSON.parse(text) as JsonReport;
  return {
    exitCode,
    // A 128-bit seed: read as text, since a JSON number would lose its digits.
    seed: /"seed"\s*:\s*(\d+)/.exec(text)?.[1] ?? String(report.seed ?? '?'),
    testCases: asCount(report.test_cases?.generated),
    failures: (report.failures ?? []).map((failure) => ({
      title: String(failure.title),
      count: asCount(failure.count),
      operations: asStrings(failure.operations),
    })),
    errors: (report.errors ?? []).map((error) => ({ title: String(error.title), count: asCount(error.count) })),
    warnings: Object.fromEntries(
      Object.entries(report.warnings ?? {})
        .map(([kind, operations]) => [kind, asStrings(operations)])
        .filter(([, operations]) => operations.length > 0),
    ),
    logFile,
  };
}

/** The `st run` command line for one run. */
export function stArguments(run: Omit<SchemathesisRun, 'st'>): string[] {
  return [
    '--config-file',
    run.configFile,
    'run',
    run.schemaUrl,
    '--checks',
    CHECKS.join(','),
    '--max-examples',
    String(run.maxExamples),
    '--max-time',
    String(run.seconds),
    '--request-timeout',
    '30',
    '--report',
    'json,junit',
    '--report-json-path',
    resolve(run.dir, JSON_REPORT),
    '--report-junit-path',
    resolve(run.dir, 'junit.xml'),
    ...(run.seed !== undefined ? ['--seed', run.seed] : []),
    ...(run.ci ? ['--no-color'] : []),
  ];
}

/**
 * Runs schemathesis once, its output to `st.log` in the run's directory (and nowhere else:
 * it draws progress bars), and reads its JSON report.
 */
export async function runSchemathesis(run: SchemathesisRun): Promise<SchemathesisOutcome> {
  const logFile = resolve(run.dir, 'st.log');
  const fd = openSync(logFile, 'w');
  const child = spawn(run.st, stArguments(run), {
    cwd: run.dir,
    env: { ...process.env, NO_COLOR: run.ci ? '1' : (process.env.NO_COLOR ?? ''), COLUMNS: '120' },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const exitCode = await new Promise<number>((done, failed) => {
    child.once('error', failed);
    child.once('exit', (code, signal) => done(code ?? (signal ? 128 : 1)));
  });
  const reportFile = resolve(run.dir, JSON_REPORT);
  if (!existsSync(reportFile))
    throw new Error(`schemathesis exited with ${exitCode} without a report; see ${logFile}:\n${readFileSync(logFile, 'utf8').slice(-3000)}`);
  return readJsonReport(readFileSync(reportFile, 'utf8'), exitCode, logFile);
}

/** The failures part of schemathesis's own output (with the curl lines that reproduce them). */
export function failureSection(log: string): string {
  const start = log.search(/^=+ FAILURES =+$/m);
  if (start < 0) return log.slice(-4000);
  const end = log.slice(start).search(/^=+ (WARNINGS|SUMMARY) =+$/m);
  return log.slice(start, end < 0 ? undefined : start + end).trim();
}
