import { TIMED } from '../figures/run-figures';
import { MIN_TENTH_COUNT } from '../figures/throughput';
import { BCRYPT_PER_CASH_OUT } from '../hashing/hashing-limit';
import { BenchReport } from './bench-report';

const LABEL = 30;
const COLUMN = 24;
const fixed = (value: number | undefined, digits = 2) => (value === undefined ? '-' : value.toFixed(digits));
const ratio = (value: number) => fixed(value, value < 0.1 ? 3 : 2);
const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

/** The report as a side-by-side table: one column per mode, then every process, then the money. */
export function printTable(report: BenchReport, reportPath: string, say: (line: string) => void): void {
  const { hashing, options, modes } = report;
  const row = (label: string, cells: string[]) => say(`  ${label.padEnd(LABEL)}${cells.map((cell) => cell.padEnd(COLUMN)).join('')}`.trimEnd());
  const each = (cell: (mode: BenchReport['modes'][number]) => string) => modes.map(cell);
  const length = options.cashOuts !== undefined ? `${options.cashOuts} cash-outs` : `${options.durationS} s`;

  say('');
  say(
    `== bench: bcrypt cost ${options.cost}, concurrency ${options.concurrency}, ${length} per run, ${options.runs} run(s) per mode` +
      `${options.runs > 1 ? ' (medians)' : ''}; ${options.clients} clients, ${options.agents} agents; Node ${report.machine.node}, ${report.machine.cores} cores`,
  );
  say(
    `hashing limit: one compare ${ms(hashing.compareMs)} ms, one hash ${ms(hashing.hashMs)} ms (medians of ${hashing.samples.compares} and ${hashing.samples.hashes}); ` +
      `a cash-out does ${BCRYPT_PER_CASH_OUT.compares} compares + ${BCRYPT_PER_CASH_OUT.hashes} hash = ${ms(hashing.cashOutMs)} ms`,
  );
  say(`   → ${fixed(hashing.perCore)} cash-outs/s per core, ${fixed(hashing.allCores)} on ${hashing.cores} cores`);
  say('');
  row(
    '',
    each((mode) => mode.mode),
  );
  row(
    'cash-outs succeeded / failed',
    each((mode) => `${mode.figures.succeeded} / ${mode.figures.failed}`),
  );
  row(
    'cash-outs/s',
    each((mode) => fixed(mode.figures.cashOutsPerSecond)),
  );
  row(
    '× hashing limit, 1 core',
    each((mode) => ratio(mode.ratioToLimit.oneCore)),
  );
  row(
    `× hashing limit, ${hashing.cores} cores`,
    each((mode) => ratio(mode.ratioToLimit.allCores)),
  );
  row(
    'first → last tenth, /s',
    each((mode) => `${fixed(mode.figures.firstTenthPerSecond)} → ${fixed(mode.figures.lastTenthPerSecond)} (×${fixed(mode.figures.lastToFirst)})`),
  );
  row(
    '  trend',
    each((mode) => mode.trend),
  );
  row('latency, ms: p50 / p95 / p99', []);
  for (const timed of TIMED) {
    const label = timed === 'login' ? 'login (once per session)' : timed;
    row(
      `  ${label}`,
      each((mode) => {
        const latency = mode.figures.latency[timed];
        return latency.count === 0 ? '— (in the warm-up)' : [latency.p50, latency.p95, latency.p99].map(ms).join(' / ');
      }),
    );
  }
  row(
    'money',
    each((mode) => (mode.money.exact ? 'exact' : 'NOT EXACT')),
  );
  row(
    '  reconciliation',
    each((mode) => (mode.money.reconciliationBalanced ? 'balanced' : 'UNBALANCED')),
  );
  row(
    '  wallets as expected',
    each((mode) => `${mode.money.walletsExact} of ${mode.money.walletsChecked}`),
  );
  row(
    '  successes ledger / bench',
    each((mode) => `${mode.money.succeededByLedger} / ${mode.money.succeededByBench}`),
  );
  row(
    '  risk reservations',
    each((mode) => (mode.money.reservationsChecked ? 'checked' : 'not readable')),
  );
  say('');
  say('CPU per cash-out, ms (every process of the platform, instances added up; the servers too on the stack)');
  for (const mode of modes) {
    if (!mode.cpu) continue;
    const shares = mode.cpu.groups.map((share) => `${share.group} ${ms(share.msPerCashOut)}`).join(', ');
    say(
      `  ${mode.mode}: ${ms(mode.cpu.totalMsPerCashOut)} in all → CPU-bound ceiling ${fixed(mode.cpu.ceilingPerSecond)} cash-outs/s on ${report.machine.cores} cores`,
    );
    if (mode.cpu.groups.length > 1) say(`    ${shares}`);
    if (mode.cpu.loadClientMsPerCashOut !== undefined)
      say(`    the load client (this process, on the same cores): ${ms(mode.cpu.loadClientMsPerCashOut)} more`);
  }
  say('');
  say('processes over the run: event-loop delay p99, RSS at start → end');
  for (const mode of modes) {
    say(`  ${mode.mode}: ${mode.description}`);
    for (const figures of mode.figures.processes.filter((each) => each.eventLoopP99Ms !== undefined || each.rssEndMiB !== undefined)) {
      say(
        `    ${figures.process.padEnd(LABEL + 6)}${`${fixed(figures.eventLoopP99Ms, 1)} ms`.padEnd(12)}${fixed(figures.rssStartMiB, 0)} → ${fixed(figures.rssEndMiB, 0)} MiB`,
      );
    }
  }
  for (const mode of modes) {
    for (const [reason, count] of Object.entries(mode.figures.failures)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5))
      say(`  ${mode.mode} failed ×${count}: ${reason}`);
    for (const violation of mode.money.violations.slice(0, 10)) say(`  ${mode.mode} [${violation.invariant}] ${violation.message}`);
    if (mode.trend === 'decays')
      say(`  ${mode.mode}: throughput fell to ×${fixed(mode.figures.lastToFirst)} of the first tenth by the last: look for a leak or a growing scan`);
    if (mode.trend === 'too-few') say(`  ${mode.mode}: under ${MIN_TENTH_COUNT} cash-outs in the first tenth: too few to tell a decay from noise; run longer`);
  }
  say('');
  say(`report: ${reportPath}`);
}
