import { INVARIANTS } from '../domain/audit-input';
import { RunReport } from './run-report';

const seconds = (ms: number | undefined) => (ms === undefined ? 'never' : `${(ms / 1000).toFixed(1)} s`);
const pad = (text: string | number, width: number) => String(text).padEnd(width);

const LABELS: Record<(typeof INVARIANTS)[number], string> = {
  lost: 'lost (a movement missing)',
  doubled: 'doubled (a movement applied twice)',
  'negative-balance': 'negative balances',
  'stuck-processing': 'intents stuck in PROCESSING',
  'not-expired': 'intents past their deadline, not expired',
  'hold-left': 'holds left on ended intents',
  'house-fees': 'house fee wallet off',
  fee: 'fees off the tariff',
  commission: 'commission not floor(40 % of fee)',
  'transaction-id': 'transaction ids missing or shared',
  'reservation-not-released': 'FAILED/EXPIRED with a risk reservation',
  'reservation-not-committed': 'successes not committed in risk',
  'otp-still-usable': 'ended intents accepting their OTP',
  reconciliation: 'GET /ledger/reconciliation unbalanced',
  'told-succeeded-but-not': 'told SUCCEEDED, but not',
  idempotency: 'Idempotency-Key answering a 2nd intent',
};

/** The report as text: what ran, what was injected, how fast it came back, and the verdict. */
export function printReport(report: RunReport, reportPath: string, say: (line: string) => void, maxViolations = 25): void {
  const { flows, options } = report;
  say('');
  say(
    `== chaos ${report.runId}: seed ${report.seed}, ${options.instances} instance(s) of each service, concurrency ${options.concurrency}, ${options.faults ? 'faults on' : 'no faults'}`,
  );
  say(`population: ${report.population.clients} load clients, ${report.population.agents} load agents`);
  say(
    `flows: ${flows.attempted} attempted, ${flows.succeeded} succeeded, ${flows.failed} failed, ${flows.refused} refused, ${flows.abandoned} abandoned on purpose; ` +
      `${flows.succeededPerSecond.toFixed(2)} cash-outs/s over ${seconds(report.timings.loadMs)} (a success takes p50 ${seconds(flows.flowP50Ms)}, p95 ${seconds(flows.flowP95Ms)})`,
  );
  say(`requests: ${flows.requests}, sent twice on purpose ${flows.resentOnPurpose}, retried after no answer or a 5xx ${flows.retriedAfterNoAnswerOr5xx}`);
  for (const [reason, count] of Object.entries(flows.reasons)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8))
    say(`   ${pad(count, 4)} ${reason}`);
  say(
    `intents by status: ${Object.entries(report.intentsByStatus)
      .map(([status, count]) => `${status} ${count}`)
      .join(', ')}`,
  );
  say(
    `quiesce: ${seconds(report.timings.quiesceMs)}${report.timings.stillLiveAfterQuiesce ? `, ${report.timings.stillLiveAfterQuiesce} intent(s) still live` : ''}`,
  );
  if (options.faults) {
    say('   (from the kill: back = answering again, groups = its consumer groups Stable with every member, flowing = every partition that had');
    say('   messages waiting has moved since, and for a gateway or a server requests pass end to end; next success = the next cash-out to succeed)');
    say(
      `faults injected: ${Object.entries(report.faultsByKind)
        .filter(([, count]) => count > 0)
        .map(([kind, count]) => `${kind} ${count}`)
        .join(', ')}`,
    );
    say(`   ${pad('#', 3)} ${pad('killed', 18)} ${pad('down', 7)} ${pad('back', 8)} ${pad('groups', 8)} ${pad('flowing', 9)} next success`);
    for (const fault of report.faults) {
      say(
        `   ${pad(fault.index + 1, 3)} ${pad(fault.target, 18)} ${pad(seconds(fault.downtimeMs), 7)} ${pad(seconds(fault.backMs), 8)} ` +
          `${pad(fault.groupsStableMs === undefined ? '-' : seconds(fault.groupsStableMs), 8)} ${pad(seconds(fault.flowingMs), 9)} ${seconds(fault.nextSuccessMs)}` +
          (fault.error ? `  (${fault.error})` : ''),
      );
    }
  }
  if (report.unexpectedExits.length > 0) {
    say(`processes that died on their own (restarted; findings): ${report.unexpectedExits.length}`);
    for (const exit of report.unexpectedExits) {
      const cause =
        exit.logTail
          .split('\n')
          .filter((line) => /error|unhandled|rejection|exception/i.test(line))
          .pop() ??
        exit.logTail.split('\n').pop() ??
        '';
      say(`   ${exit.process} at ${seconds(exit.at)}: ${exit.exit}; ${cause.trim().slice(0, 200)}`);
    }
  }
  say('invariants:');
  for (const name of INVARIANTS) {
    const extra = name === 'lost' ? ` (${report.invariants.lostAmount} XOF)` : name === 'doubled' ? ` (${report.invariants.doubledAmount} XOF)` : '';
    say(`   ${pad(LABELS[name], 44)} ${report.invariants[name]}${extra}`);
  }
  if (report.violations.length > 0) {
    say(`violations (${Math.min(maxViolations, report.violations.length)} of ${report.violations.length}; all in the report):`);
    for (const violation of report.violations.slice(0, maxViolations)) {
      say(`   [${violation.invariant}] ${violation.message}`);
      if (violation.intentIds.length > 0) say(`      intents: ${violation.intentIds.slice(0, 12).join(' ')}${violation.intentIds.length > 12 ? ' …' : ''}`);
      if (violation.wallets.length > 0) say(`      wallets: ${violation.wallets.join(' ')}`);
    }
  }
  say(
    `verdict: ${report.verdict}${report.violations.length > 0 ? ` (${report.violations.length} violation(s))` : ': the money is exact'}. Report: ${reportPath}`,
  );
}
