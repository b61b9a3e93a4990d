import type { IntentView, WalletView } from '@cashout/shared-contracts';
import { AuditInput, LIVE_STATUSES, Violation } from './audit-input';
import { expectedCommission, expectedFee } from './fees';

type WalletKind = WalletView['kind'];

/** One wallet's expected and actual balance, and the intents that should have moved it. */
export interface WalletCheck {
  phone: string;
  kind: WalletKind;
  walletId: string;
  before: number;
  expected: number;
  actual: number;
  available: number;
  succeeded: string[];
}

const feeOf = (intent: IntentView): number => expectedFee(intent.amount) ?? intent.fees;

/** What a success moves on each wallet, by the tariff (not by the figures the intent carries). */
function movement(intent: IntentView, kind: WalletKind): number {
  const fee = feeOf(intent);
  if (kind === 'MAIN') return -(intent.amount + fee);
  if (kind === 'FLOAT') return intent.amount;
  return expectedCommission(fee);
}

const walletOf = (wallets: WalletView[] | undefined, kind: WalletKind) => wallets?.find((wallet) => wallet.kind === kind && wallet.currency === 'XOF');

/** Expected against actual for every wallet of the population. */
export function walletChecks(input: AuditInput): WalletCheck[] {
  const succeeded = input.intents.filter((intent) => intent.status === 'SUCCEEDED');
  const rows: WalletCheck[] = [];
  const add = (phone: string, kind: WalletKind, mine: IntentView[]) => {
    const before = walletOf(input.walletsBefore[phone], kind);
    const after = walletOf(input.walletsAfter[phone], kind);
    const opening = before?.balance ?? 0;
    rows.push({
      phone,
      kind,
      walletId: after?.walletId ?? before?.walletId ?? `${phone}/${kind}`,
      before: opening,
      expected: mine.reduce((sum, intent) => sum + movement(intent, kind), opening),
      actual: after?.balance ?? 0,
      available: after?.available ?? 0,
      succeeded: mine.map((intent) => intent.id),
    });
  };
  for (const phone of input.population.clients)
    add(
      phone,
      'MAIN',
      succeeded.filter((intent) => intent.client.phone === phone),
    );
  for (const phone of input.population.agents) {
    const mine = succeeded.filter((intent) => intent.agent.phone === phone);
    add(phone, 'FLOAT', mine);
    add(phone, 'COMMISSION', mine);
  }
  return rows;
}

/**
 * Intents whose movement on this wallet equals the difference: the likely culprits. An
 * intent that did not succeed but moved money explains a gap better than a success applied
 * twice, so those come alone when there are any.
 */
function suspects(check: WalletCheck, intents: IntentView[]): IntentView[] {
  const gap = Math.abs(check.actual - check.expected);
  const mine = intents.filter((intent) => (check.kind === 'MAIN' ? intent.client.phone : intent.agent.phone) === check.phone);
  const matching = mine.filter((intent) => Math.abs(movement(intent, check.kind)) === gap);
  const unsuccessful = matching.filter((intent) => intent.status !== 'SUCCEEDED');
  return unsuccessful.length > 0 ? unsuccessful : matching;
}

const describe = (intents: IntentView[], max = 4) =>
  intents
    .slice(0, max)
    .map((intent) => `${intent.id} (${intent.status})`)
    .join(', ') + (intents.length > max ? ` and ${intents.length - max} more` : '');

/**
 * lost / doubled: a client debited more than its successes, or an agent credited more, is a
 * movement applied twice; the reverse is a movement lost. negative-balance, and hold-left
 * (with no live intent left, every hold must be gone: available = balance).
 */
export function walletViolations(input: AuditInput, checks: WalletCheck[]): Violation[] {
  const violations: Violation[] = [];
  for (const check of checks) {
    const gap = check.actual - check.expected;
    if (gap !== 0) {
      const customerPaidTooMuch = check.kind === 'MAIN' ? gap < 0 : gap > 0;
      const hints = suspects(check, input.intents);
      violations.push({
        invariant: customerPaidTooMuch ? 'doubled' : 'lost',
        message:
          `${check.kind} of ${check.phone}: ${check.actual}, expected ${check.expected} ` +
          `(opening ${check.before}, ${check.succeeded.length} successes; off by ${gap > 0 ? '+' : ''}${gap})` +
          (hints.length > 0 ? `; the gap equals the movement of ${describe(hints)}` : ''),
        intentIds: hints.length > 0 ? hints.map((intent) => intent.id) : check.succeeded,
        wallets: [check.walletId],
      });
    }
    if (check.actual < 0 || check.available < 0) {
      violations.push({
        invariant: 'negative-balance',
        message: `${check.kind} of ${check.phone}: balance ${check.actual}, available ${check.available}`,
        intentIds: [],
        wallets: [check.walletId],
      });
    }
  }
  const live = input.intents.filter((intent) => (LIVE_STATUSES as readonly string[]).includes(intent.status) || intent.status === 'PROCESSING');
  if (live.length === 0) {
    for (const check of checks.filter((row) => row.available !== row.actual)) {
      const held = check.actual - check.available;
      const mine = input.intents.filter((intent) => (check.kind === 'MAIN' ? intent.client.phone : intent.agent.phone) === check.phone);
      const matching = mine.filter((intent) => intent.totalDebit === held);
      const unsuccessful = matching.filter((intent) => intent.status !== 'SUCCEEDED');
      const culprits = unsuccessful.length > 0 ? unsuccessful : matching;
      violations.push({
        invariant: 'hold-left',
        message:
          `${check.kind} of ${check.phone}: available ${check.available} but balance ${check.actual} with no intent live (${held} still held)` +
          (culprits.length > 0 ? `; the hold equals the total of ${describe(culprits)}` : ''),
        intentIds: culprits.map((intent) => intent.id),
        wallets: [check.walletId],
      });
    }
  }
  return violations;
}
