import { IntentStatus, IntentView, PayloadOf, StateTime } from '@cashout/shared-contracts';

/** Where an event was read: its partition of cashout.intent.events and its offset there. */
export interface Position {
  partition: number;
  offset: number;
}

/**
 * What the read model keeps of one intent: enough to report on it, recomputed whole from
 * the latest view the ledger published (each view carries the complete history), so
 * applying the same view twice gives the same facts.
 */
export interface IntentFacts {
  intentId: string;
  agentPhone: string;
  agentUserId: string;
  /** The UTC day the intent was created: the day it is reported under. */
  day: string;
  currency: string;
  status: IntentStatus;
  amount: number;
  fees: number;
  commission: number;
  /** The sequence of the event the facts were computed from (its view's history entries). */
  steps: number;
  /** Each state the intent stayed in and left: the stays and their total length. */
  timeInState: Partial<Record<IntentStatus, StateTime>>;
  /** The event these facts come from: stored with them in the same write. */
  position: Position;
}

export type Folded = { kind: 'applied'; facts: IntentFacts } | { kind: 'skipped'; reason: 'already-applied' | 'older-view' };

/** The UTC day (YYYY-MM-DD) of an ISO timestamp, or undefined when it is not a time. */
export function utcDayOf(timestamp: string): string | undefined {
  const time = Date.parse(timestamp);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 10);
}

/**
 * The stays of an intent's history: consecutive entries of one status (an OTP resent) are
 * one stay, which lasts until the next status begins. The current state has not ended: it
 * is not counted. A time that cannot be read, or runs backwards, counts as zero.
 */
export function timeInStates(history: IntentView['history']): Partial<Record<IntentStatus, StateTime>> {
  const stays: Partial<Record<IntentStatus, StateTime>> = {};
  let start = 0;
  for (let index = 1; index < history.length; index += 1) {
    if (history[index].status === history[start].status) continue;
    const elapsed = Date.parse(history[index].at) - Date.parse(history[start].at);
    const status = history[start].status;
    const stay = stays[status] ?? { count: 0, totalMs: 0 };
    stays[status] = { count: stay.count + 1, totalMs: stay.totalMs + (Number.isFinite(elapsed) && elapsed > 0 ? Math.round(elapsed) : 0) };
    start = index;
  }
  return stays;
}

/** What folding reads of an IntentStateChanged: the intent's sequence (v2) and its view. */
export type IntentEvent = Pick<PayloadOf<'IntentStateChanged'>, 'sequence' | 'intent'>;

/**
 * Folds one published view of an intent into its facts. An event at or below the position
 * already applied for the intent is a redelivery, and an event of a lower sequence than the
 * facts already hold is older than them: both are skipped, so replays change nothing.
 */
export function foldIntentEvent(current: IntentFacts | undefined, event: IntentEvent, position: Position): Folded {
  const view = event.intent;
  if (current) {
    if (current.position.partition === position.partition && position.offset <= current.position.offset) {
      return { kind: 'skipped', reason: 'already-applied' };
    }
    if (event.sequence < current.steps) return { kind: 'skipped', reason: 'older-view' };
  }
  return {
    kind: 'applied',
    facts: {
      intentId: view.id,
      agentPhone: view.agent.phone,
      agentUserId: view.agent.userId,
      day: utcDayOf(view.createdAt) ?? utcDayOf(view.history[0]?.at ?? '') ?? '1970-01-01',
      currency: view.currency,
      status: view.status,
      amount: view.amount,
      fees: view.fees,
      commission: view.commission,
      steps: event.sequence,
      timeInState: timeInStates(view.history),
      position,
    },
  };
}
