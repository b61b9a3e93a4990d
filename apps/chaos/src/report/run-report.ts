import { Violation } from '../domain/audit-input';
import { FAULT_KINDS } from '../domain/fault-schedule';
import { AuditResult } from '../domain/invariant-checker';
import { Population } from '../domain/population';
import { FaultOutcome } from '../faults/fault-injector';
import { UnexpectedExit } from '../faults/process-watchdog';
import { ApiStats } from '../http/platform-api';
import { FlowRecord } from '../load/flow-record';
import { ChaosOptions } from '../options/chaos-options';

export interface RunFacts {
  runId: string;
  options: ChaosOptions;
  population: Population;
  stackStartMs: number;
  loadStartedAt: number;
  loadMs: number;
  quiesceMs: number;
  stillLiveAfterQuiesce: number;
  records: FlowRecord[];
  faults: FaultOutcome[];
  exits: UnexpectedExit[];
  api: ApiStats;
  audit: AuditResult;
}

export interface FaultFigure extends FaultOutcome {
  /** From the kill until the next cash-out that succeeded. */
  nextSuccessMs?: number;
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

/** A reason without its ids, so that alike failures count together. */
const reasonKind = (reason: string) =>
  reason
    .replace(/[0-9a-f]{8}-[0-9a-f-]{27,}/gi, '<id>')
    .replace(/\d{3,}/g, 'N')
    .slice(0, 90);

/** The JSON report: everything a post-mortem needs, and the figures docs/operations.md quotes ("Chaos suite"). */
export function buildReport(facts: RunFacts) {
  const { records, audit } = facts;
  const count = (outcome: FlowRecord['outcome']) => records.filter((record) => record.outcome === outcome).length;
  const succeeded = records.filter((record) => record.outcome === 'succeeded');
  const durations = succeeded.map((record) => record.endedAt - record.startedAt);
  const reasons: Record<string, number> = {};
  for (const record of records) if (record.reason) reasons[reasonKind(record.reason)] = (reasons[reasonKind(record.reason)] ?? 0) + 1;
  const successEnds = succeeded.map((record) => record.endedAt).sort((a, b) => a - b);
  const faults: FaultFigure[] = facts.faults.map((fault) => {
    const next = successEnds.find((end) => end > fault.killedAt);
    return { ...fault, ...(next !== undefined ? { nextSuccessMs: next - fault.killedAt } : {}) };
  });
  const faultsByKind = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, faults.filter((fault) => fault.kind === kind).length]));
  const violations: Violation[] = audit.violations;
  const resent = records.reduce((sum, record) => sum + record.resent, 0);
  return {
    runId: facts.runId,
    seed: facts.options.seed,
    verdict: violations.length === 0 ? ('PASS' as const) : ('FAIL' as const),
    options: facts.options,
    population: { clients: facts.population.clients.length, agents: facts.population.agents.length },
    timings: { stackStartMs: facts.stackStartMs, loadMs: facts.loadMs, quiesceMs: facts.quiesceMs, stillLiveAfterQuiesce: facts.stillLiveAfterQuiesce },
    flows: {
      attempted: records.length,
      succeeded: succeeded.length,
      failed: count('failed'),
      refused: count('refused'),
      abandoned: count('abandoned'),
      succeededPerSecond: succeeded.length / Math.max(1, facts.loadMs / 1000),
      flowP50Ms: quantile(durations, 0.5),
      flowP95Ms: quantile(durations, 0.95),
      requests: facts.api.requests,
      resentOnPurpose: resent,
      retriedAfterNoAnswerOr5xx: facts.api.retried,
      reasons,
    },
    intentsByStatus: audit.intentsByStatus,
    faultsByKind,
    faults,
    unexpectedExits: facts.exits,
    invariants: { ...audit.counts, lostAmount: audit.lostAmount, doubledAmount: audit.doubledAmount },
    violations,
    walletsOff: audit.wallets.filter((wallet) => wallet.actual !== wallet.expected || wallet.available !== wallet.actual),
    flowRecords: records.map(({ plan, outcome, reason, intentId, extraIntentIds, finalStatus, toldSucceeded, startedAt, endedAt, resent: again }) => ({
      index: plan.index,
      channel: plan.channel,
      client: plan.clientPhone,
      agent: plan.agentPhone,
      amount: plan.amount,
      resends: plan.resends,
      abandonAfter: plan.abandonAfter,
      outcome,
      reason,
      intentId,
      extraIntentIds,
      finalStatus,
      toldSucceeded,
      startedAt: startedAt - facts.loadStartedAt,
      ms: endedAt - startedAt,
      resent: again,
    })),
  };
}

export type RunReport = ReturnType<typeof buildReport>;
