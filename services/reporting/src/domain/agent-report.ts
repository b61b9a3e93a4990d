import { AgentDailyReport, INTENT_STATUSES, ReportFigures } from '@cashout/shared-contracts';
import { IntentFacts } from './intent-facts';

const empty = (currency: string): ReportFigures => ({ currency, intents: 0, byStatus: {}, volume: 0, fees: 0, commission: 0, timeInState: {} });

/** Adds one intent to figures; volume, fees and commission count only what SUCCEEDED (what the ledger moved). */
function add(figures: ReportFigures, facts: IntentFacts): ReportFigures {
  const succeeded = facts.status === 'SUCCEEDED';
  const timeInState = { ...figures.timeInState };
  for (const status of INTENT_STATUSES) {
    const stay = facts.timeInState[status];
    if (!stay) continue;
    const sum = timeInState[status] ?? { count: 0, totalMs: 0 };
    timeInState[status] = { count: sum.count + stay.count, totalMs: sum.totalMs + stay.totalMs };
  }
  return {
    currency: figures.currency,
    intents: figures.intents + 1,
    byStatus: { ...figures.byStatus, [facts.status]: (figures.byStatus[facts.status] ?? 0) + 1 },
    volume: figures.volume + (succeeded ? facts.amount : 0),
    fees: figures.fees + (succeeded ? facts.fees : 0),
    commission: figures.commission + (succeeded ? facts.commission : 0),
    timeInState,
  };
}

/**
 * One agent's report from the facts of its intents: a row per day and currency, the totals
 * per currency. Only the facts' content counts, not the order they come in.
 */
export function buildAgentReport(agentPhone: string, from: string, to: string, intents: readonly IntentFacts[]): AgentDailyReport {
  const rows = new Map<string, ReportFigures & { day: string }>();
  const totals = new Map<string, ReportFigures>();
  for (const facts of intents) {
    if (facts.agentPhone !== agentPhone || facts.day < from || facts.day > to) continue;
    const key = `${facts.day} ${facts.currency}`;
    rows.set(key, { ...add(rows.get(key) ?? empty(facts.currency), facts), day: facts.day });
    totals.set(facts.currency, add(totals.get(facts.currency) ?? empty(facts.currency), facts));
  }
  const byKey = <T>(entries: Map<string, T>) => [...entries.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, value]) => value);
  return { agentPhone, from, to, days: byKey(rows), totals: byKey(totals) };
}
