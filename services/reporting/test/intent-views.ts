import { IntentStatus, IntentView, intentTransitionMark } from '@cashout/shared-contracts';
import type { IntentEvent } from '../src/domain/intent-facts';

export const AGENT = { userId: 'usr-agent-0001', phone: '+2250500000001' } as const;
export const OTHER_AGENT = { userId: 'usr-agent-0002', phone: '+2250500000002' } as const;
const CLIENT = { userId: 'usr-client-0001', phone: '+2250100000001' } as const;

/** Seconds after the intent's creation, for each status it went through. */
export type Steps = ReadonlyArray<readonly [IntentStatus, number]>;

export const SUCCEEDED_STEPS: Steps = [
  ['CREATED', 0],
  ['OTP_SENT', 2],
  ['OTP_VERIFIED', 32],
  ['PIN_VERIFIED', 40],
  ['PROCESSING', 45],
  ['SUCCEEDED', 46],
];

/** A view of a 10 000 XOF cash-out (fee 250, commission 100) as the ledger publishes it after `steps`. */
export function viewOf(
  id: string,
  steps: Steps,
  options: { createdAt?: string; agent?: { userId: string; phone: string }; amount?: number; fees?: number; commission?: number } = {},
): IntentView {
  const createdAt = options.createdAt ?? '2026-11-27T10:00:00.000Z';
  const at = (seconds: number) => new Date(Date.parse(createdAt) + seconds * 1000).toISOString();
  const last = steps[steps.length - 1];
  return {
    id,
    referenceId: `REF-${id}`,
    type: 'CASH_OUT',
    status: last[0],
    channel: 'CMMS',
    amount: options.amount ?? 10_000,
    currency: 'XOF',
    fees: options.fees ?? 250,
    totalDebit: (options.amount ?? 10_000) + (options.fees ?? 250),
    commission: options.commission ?? 100,
    agent: options.agent ?? AGENT,
    client: CLIENT,
    initiatorUserId: (options.agent ?? AGENT).userId,
    createdBy: 'usr-operator-0002',
    expiresAt: at(900),
    createdAt,
    updatedAt: at(last[1]),
    history: steps.map(([status, seconds]) => ({ status, at: at(seconds) })),
  };
}

/** The views published for each transition of `steps`, in order. */
export const viewsAlong = (id: string, steps: Steps, options: Parameters<typeof viewOf>[2] = {}): IntentView[] =>
  steps.map((_, index) => viewOf(id, steps.slice(0, index + 1), options));

/** The IntentStateChanged (v2) fields folding reads, as the ledger publishes them with `view`. */
export const eventOf = (view: IntentView): IntentEvent => ({ ...intentTransitionMark(view), intent: view });
