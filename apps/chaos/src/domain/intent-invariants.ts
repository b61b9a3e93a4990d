import type { IntentView } from '@cashout/shared-contracts';
import { AuditInput, COMPENSATED_STATUSES, LIVE_STATUSES, Violation } from './audit-input';
import { expectedCommission, expectedFee } from './fees';

const isOneOf = (status: string, statuses: readonly string[]) => statuses.includes(status);

/** Intents that must have ended, the tariff and commission of each success, and its transaction id. */
function lifecycleViolations(input: AuditInput): Violation[] {
  const violations: Violation[] = [];
  const now = Date.parse(input.at);
  const processing = input.intents.filter((intent) => intent.status === 'PROCESSING');
  if (processing.length > 0) {
    violations.push({
      invariant: 'stuck-processing',
      message: `${processing.length} intent(s) still PROCESSING after the quiesce`,
      intentIds: processing.map((intent) => intent.id),
      wallets: [],
    });
  }
  const overdue = input.intents.filter((intent) => isOneOf(intent.status, LIVE_STATUSES) && Date.parse(intent.expiresAt) < now);
  if (overdue.length > 0) {
    violations.push({
      invariant: 'not-expired',
      message: `${overdue.length} intent(s) past their deadline but still ${[...new Set(overdue.map((intent) => intent.status))].join('/')}`,
      intentIds: overdue.map((intent) => intent.id),
      wallets: [],
    });
  }
  const transactionIds = new Map<string, string[]>();
  for (const intent of input.intents.filter((candidate) => candidate.status === 'SUCCEEDED')) {
    const fee = expectedFee(intent.amount);
    if (fee === undefined || intent.fees !== fee || intent.totalDebit !== intent.amount + intent.fees) {
      violations.push({
        invariant: 'fee',
        message: `${intent.id}: amount ${intent.amount}, fees ${intent.fees}, total debit ${intent.totalDebit}; the tariff says fee ${fee ?? 'none'}`,
        intentIds: [intent.id],
        wallets: [],
      });
    }
    if (fee !== undefined && intent.commission !== expectedCommission(fee)) {
      violations.push({
        invariant: 'commission',
        message: `${intent.id}: commission ${intent.commission}, expected floor(40 % of ${fee}) = ${expectedCommission(fee)}`,
        intentIds: [intent.id],
        wallets: [],
      });
    }
    if (!intent.transactionId) {
      violations.push({ invariant: 'transaction-id', message: `${intent.id}: SUCCEEDED without a transactionId`, intentIds: [intent.id], wallets: [] });
    } else {
      transactionIds.set(intent.transactionId, [...(transactionIds.get(intent.transactionId) ?? []), intent.id]);
    }
  }
  for (const [transactionId, ids] of transactionIds) {
    if (ids.length > 1) {
      violations.push({ invariant: 'transaction-id', message: `transaction ${transactionId} shared by ${ids.length} intents`, intentIds: ids, wallets: [] });
    }
  }
  return violations;
}

/** FAILED and EXPIRED intents compensated (risk released, OTP dead); successes committed in risk. */
function compensationViolations(input: AuditInput): Violation[] {
  const violations: Violation[] = [];
  const notReleased: IntentView[] = [];
  const notCommitted: Array<{ intent: IntentView; state: string }> = [];
  for (const intent of input.intents) {
    const state = input.reservations[intent.id];
    if (state === undefined) continue;
    if (isOneOf(intent.status, [...COMPENSATED_STATUSES, 'CANCELED']) && state === 'ACTIVE') notReleased.push(intent);
    const lostWithRedis = state === 'MISSING' && input.redisRestarted;
    if (intent.status === 'SUCCEEDED' && state !== 'COMMITTED' && !lostWithRedis) notCommitted.push({ intent, state });
  }
  if (notReleased.length > 0) {
    violations.push({
      invariant: 'reservation-not-released',
      message: `${notReleased.length} ended intent(s) still hold a risk reservation (${notReleased.map((intent) => `${intent.id} ${intent.status}`).join(', ')})`,
      intentIds: notReleased.map((intent) => intent.id),
      wallets: [],
    });
  }
  if (notCommitted.length > 0) {
    violations.push({
      invariant: 'reservation-not-committed',
      message: `${notCommitted.length} success(es) whose risk reservation is not COMMITTED (${notCommitted.map(({ intent, state }) => `${intent.id} ${state}`).join(', ')})`,
      intentIds: notCommitted.map(({ intent }) => intent.id),
      wallets: [],
    });
  }
  const usable = input.otpReplays.filter((replay) => replay.status >= 200 && replay.status < 300);
  if (usable.length > 0) {
    violations.push({
      invariant: 'otp-still-usable',
      message: `${usable.length} ended intent(s) accepted their OTP again`,
      intentIds: usable.map((replay) => replay.intentId),
      wallets: [],
    });
  }
  return violations;
}

/** The ledger's own reconciliation, and what callers were told against what the ledger says. */
function ledgerViolations(input: AuditInput): Violation[] {
  const violations: Violation[] = [];
  const report = input.reconciliation;
  const unbalanced = Object.entries(report.totalsByCurrency).filter(([, total]) => total !== 0);
  if (!report.balanced || report.mismatches.length > 0 || unbalanced.length > 0) {
    violations.push({
      invariant: 'reconciliation',
      message:
        `GET /ledger/reconciliation: balanced ${report.balanced}, ${report.mismatches.length} mismatch(es)` +
        report.mismatches.map((row) => `; ${row.walletId} balance ${row.balance} vs postings ${row.postings}`).join('') +
        unbalanced.map(([currency, total]) => `; ${currency} sums to ${total}`).join(''),
      intentIds: [],
      wallets: report.mismatches.map((row) => row.walletId),
    });
  }
  // The journal's hash chains: under every fault, nothing the ledger wrote may read as edited or lost.
  if (report.intact === false) {
    const broken = report.chain?.broken ?? [];
    violations.push({
      invariant: 'reconciliation',
      message:
        `GET /ledger/reconciliation: the journal's chains are broken (${report.chain?.brokenCount ?? broken.length})` +
        broken
          .slice(0, 5)
          .map((entry) => `; ${entry.stream ?? 'house'} line ${entry.sequence ?? '?'}: ${entry.problem}${entry.entryId ? ` (${entry.entryId})` : ''}`)
          .join(''),
      intentIds: [],
      wallets: [...new Set(broken.flatMap((entry) => (entry.stream ? [entry.stream] : [])))],
    });
  }
  // The house's wallets are the ones no customer owns. Their postings are the customers'
  // mirrored (the ledger sums to zero), so with the customers right and the reconciliation
  // clean the fee wallet holds exactly the fees less the commissions; a mismatch is its own finding.
  const customerWallets = new Set(Object.values(input.walletsAfter).flatMap((wallets) => wallets.map((wallet) => wallet.walletId)));
  const succeeded = input.intents.filter((intent) => intent.status === 'SUCCEEDED');
  const keptByHouse = succeeded.reduce((sum, intent) => {
    const fee = expectedFee(intent.amount) ?? intent.fees;
    return sum + fee - expectedCommission(fee);
  }, 0);
  for (const row of report.mismatches.filter((mismatch) => !customerWallets.has(mismatch.walletId))) {
    violations.push({
      invariant: 'house-fees',
      message: `house wallet ${row.walletId}: balance ${row.balance} but its postings sum to ${row.postings} (off by ${row.balance - row.postings}); the ${succeeded.length} successes owe the house ${keptByHouse} in fees less commissions`,
      intentIds: [],
      wallets: [row.walletId],
    });
  }
  const statusOf = new Map(input.intents.map((intent) => [intent.id, intent.status]));
  const contradicted = input.toldSucceeded.filter((id) => statusOf.get(id) !== 'SUCCEEDED');
  if (contradicted.length > 0) {
    violations.push({
      invariant: 'told-succeeded-but-not',
      message: `${contradicted.length} intent(s) answered SUCCEEDED to the caller but now ${contradicted.map((id) => `${id} ${statusOf.get(id) ?? 'unknown'}`).join(', ')}`,
      intentIds: contradicted,
      wallets: [],
    });
  }
  return violations;
}

export function intentViolations(input: AuditInput): Violation[] {
  return [...lifecycleViolations(input), ...compensationViolations(input), ...ledgerViolations(input)];
}
