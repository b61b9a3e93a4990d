import type { IntentView, WalletView } from '@cashout/shared-contracts';
import { AuditInput } from '../src/domain/audit-input';
import { expectedCommission, expectedFee } from '../src/domain/fees';
import { checkInvariants } from '../src/domain/invariant-checker';
import { Population } from '../src/domain/population';

const CLIENT = '+2250200000001';
const AGENT = '+2250600000001';
const population: Population = { clients: [CLIENT], agents: [AGENT] };
const OPENING = 10_000_000;

let sequence = 0;
function intent(amount: number, status: IntentView['status'], overrides: Partial<IntentView> = {}): IntentView {
  sequence += 1;
  const fees = expectedFee(amount) ?? 0;
  return {
    id: `int-${sequence}`,
    referenceId: `REF${sequence}`,
    type: 'CASH_OUT',
    status,
    channel: 'CMMS',
    amount,
    currency: 'XOF',
    fees,
    totalDebit: amount + fees,
    commission: expectedCommission(fees),
    agent: { userId: 'usr-agent', phone: AGENT },
    client: { userId: 'usr-client', phone: CLIENT },
    initiatorUserId: 'usr-agent',
    createdBy: 'usr-operator',
    ...(status === 'SUCCEEDED' ? { transactionId: `txn-${sequence}` } : {}),
    expiresAt: '2026-01-01T00:01:00.000Z',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:10.000Z',
    history: [],
    ...overrides,
  };
}

const wallet = (walletId: string, kind: WalletView['kind'], balance: number, available = balance): WalletView => ({
  walletId,
  kind,
  currency: 'XOF',
  balance,
  available,
});

/** The wallets after exactly these successes, each applied once. */
function exactWallets(succeeded: IntentView[]): Record<string, WalletView[]> {
  const paid = succeeded.reduce((sum, item) => sum + item.amount + item.fees, 0);
  const float = succeeded.reduce((sum, item) => sum + item.amount, 0);
  const commission = succeeded.reduce((sum, item) => sum + item.commission, 0);
  return {
    [CLIENT]: [wallet('w-client', 'MAIN', OPENING - paid)],
    [AGENT]: [wallet('w-float', 'FLOAT', float), wallet('w-commission', 'COMMISSION', commission)],
  };
}

function audit(intents: IntentView[], overrides: Partial<AuditInput> = {}): AuditInput {
  const succeeded = intents.filter((item) => item.status === 'SUCCEEDED');
  return {
    population,
    walletsBefore: exactWallets([]),
    walletsAfter: exactWallets(succeeded),
    intents,
    reservations: Object.fromEntries(intents.map((item) => [item.id, item.status === 'SUCCEEDED' ? 'COMMITTED' : 'RELEASED'])),
    reconciliation: { balanced: true, walletsChecked: 5, mismatches: [], totalsByCurrency: { XOF: 0 } },
    toldSucceeded: succeeded.map((item) => item.id),
    otpReplays: [],
    redisRestarted: false,
    at: '2026-01-01T00:05:00.000Z',
    ...overrides,
  };
}

const invariantsOf = (input: AuditInput) => checkInvariants(input).violations.map((violation) => violation.invariant);

describe('checkInvariants', () => {
  it('passes a run where every success moved the money once and everything else was compensated', () => {
    const intents = [intent(10_000, 'SUCCEEDED'), intent(5_000, 'SUCCEEDED'), intent(700_000, 'SUCCEEDED'), intent(20_000, 'EXPIRED'), intent(3_000, 'FAILED')];
    const result = checkInvariants(audit(intents));
    expect(result.violations).toEqual([]);
    expect(result.lostAmount).toBe(0);
    expect(result.doubledAmount).toBe(0);
    expect(result.intentsByStatus).toEqual({ SUCCEEDED: 3, EXPIRED: 1, FAILED: 1 });
  });

  it('finds a debit applied twice, and names the intent whose total is the gap', () => {
    const twice = intent(10_000, 'SUCCEEDED');
    const input = audit([twice, intent(5_000, 'SUCCEEDED')]);
    input.walletsAfter[CLIENT] = [wallet('w-client', 'MAIN', input.walletsAfter[CLIENT][0].balance - 10_250)];
    const result = checkInvariants(input);
    const doubled = result.violations.find((violation) => violation.invariant === 'doubled');
    expect(doubled?.intentIds).toEqual([twice.id]);
    expect(doubled?.wallets).toEqual(['w-client']);
    expect(result.doubledAmount).toBe(10_250);
  });

  it('finds a credit lost on the agent float and a commission paid twice', () => {
    const success = intent(50_000, 'SUCCEEDED');
    const input = audit([success]);
    input.walletsAfter[AGENT] = [wallet('w-float', 'FLOAT', 0), wallet('w-commission', 'COMMISSION', 400)];
    const result = checkInvariants(input);
    expect(result.violations.filter((violation) => violation.wallets.includes('w-float')).map((violation) => violation.invariant)).toEqual(['lost']);
    expect(result.violations.filter((violation) => violation.wallets.includes('w-commission')).map((violation) => violation.invariant)).toEqual(['doubled']);
    expect(result.lostAmount).toBe(50_000);
    expect(result.doubledAmount).toBe(200);
  });

  it('counts a debit of an intent that did not succeed as doubled money', () => {
    const failed = intent(8_000, 'FAILED');
    const input = audit([failed]);
    input.walletsAfter[CLIENT] = [wallet('w-client', 'MAIN', OPENING - 8_250)];
    expect(checkInvariants(input).violations[0]).toMatchObject({ invariant: 'doubled', intentIds: [failed.id] });
  });

  it('blames an intent that did not succeed before a success of the same total', () => {
    const success = intent(8_000, 'SUCCEEDED');
    const expired = intent(8_000, 'EXPIRED');
    const input = audit([success, expired]);
    input.walletsAfter[CLIENT] = [wallet('w-client', 'MAIN', OPENING - 2 * 8_250)];
    expect(checkInvariants(input).violations[0]).toMatchObject({ invariant: 'doubled', intentIds: [expired.id] });
  });

  it('names a success whose hold was never released when no other intent matches', () => {
    const success = intent(30_000, 'SUCCEEDED');
    const input = audit([success]);
    const after = input.walletsAfter[CLIENT][0];
    input.walletsAfter[CLIENT] = [wallet('w-client', 'MAIN', after.balance, after.balance - 30_500)];
    expect(checkInvariants(input).violations).toEqual([expect.objectContaining({ invariant: 'hold-left', intentIds: [success.id] })]);
  });

  it('finds a house wallet whose balance disagrees with its postings', () => {
    const reconciliation = {
      balanced: false,
      walletsChecked: 5,
      mismatches: [{ walletId: 'sys-fees-XOF', balance: 12_020, postings: 13_020 }],
      totalsByCurrency: { XOF: 0 },
    };
    const result = checkInvariants(audit([intent(30_000, 'SUCCEEDED')], { reconciliation }));
    expect(result.violations.map((violation) => [violation.invariant, violation.wallets])).toEqual([
      ['reconciliation', ['sys-fees-XOF']],
      ['house-fees', ['sys-fees-XOF']],
    ]);
  });

  it('leaves a customer wallet that disagrees with its postings to the reconciliation', () => {
    const reconciliation = {
      balanced: false,
      walletsChecked: 5,
      mismatches: [{ walletId: 'w-client', balance: 1, postings: 2 }],
      totalsByCurrency: { XOF: 0 },
    };
    expect(invariantsOf(audit([], { reconciliation }))).toEqual(['reconciliation']);
  });

  it('finds negative balances', () => {
    const input = audit([]);
    input.walletsBefore[CLIENT] = [wallet('w-client', 'MAIN', 0)];
    input.walletsAfter[CLIENT] = [wallet('w-client', 'MAIN', 0, -500)];
    expect(invariantsOf(input)).toContain('negative-balance');
  });

  it('finds a hold left once no intent is live, naming the ended intent it matches', () => {
    const expired = intent(20_000, 'EXPIRED');
    const input = audit([expired]);
    input.walletsAfter[CLIENT] = [wallet('w-client', 'MAIN', OPENING, OPENING - 20_250)];
    expect(checkInvariants(input).violations).toEqual([expect.objectContaining({ invariant: 'hold-left', intentIds: [expired.id] })]);
  });

  it('does not call a hold left while an intent is still live', () => {
    const input = audit([intent(20_000, 'PIN_VERIFIED', { expiresAt: '2026-01-01T00:10:00.000Z' })]);
    input.walletsAfter[CLIENT] = [wallet('w-client', 'MAIN', OPENING, OPENING - 20_250)];
    expect(invariantsOf(input)).toEqual([]);
  });

  it('finds intents stuck in PROCESSING and live intents past their deadline', () => {
    const stuck = intent(1_000, 'PROCESSING');
    const overdue = intent(1_000, 'OTP_SENT');
    const result = checkInvariants(audit([stuck, overdue]));
    expect(result.violations.map((violation) => [violation.invariant, violation.intentIds])).toEqual([
      ['stuck-processing', [stuck.id]],
      ['not-expired', [overdue.id]],
    ]);
  });

  it('checks each success against the tariff and the commission rule', () => {
    const wrongFee = intent(5_001, 'SUCCEEDED', { fees: 100, totalDebit: 5_101 });
    const wrongCommission = intent(20_001, 'SUCCEEDED', { commission: 201 });
    const input = audit([wrongFee, wrongCommission]);
    const violations = checkInvariants(input).violations.filter((violation) => ['fee', 'commission'].includes(violation.invariant));
    expect(violations.map((violation) => [violation.invariant, violation.intentIds[0]])).toEqual([
      ['fee', wrongFee.id],
      ['commission', wrongCommission.id],
    ]);
  });

  it('finds successes without a transaction id or sharing one', () => {
    const a = intent(1_000, 'SUCCEEDED', { transactionId: 'txn-same' });
    const b = intent(1_000, 'SUCCEEDED', { transactionId: 'txn-same' });
    const c = intent(1_000, 'SUCCEEDED', { transactionId: undefined });
    expect(invariantsOf(audit([a, b, c]))).toEqual(['transaction-id', 'transaction-id']);
  });

  it('finds ended intents that still hold a risk reservation, and successes not committed', () => {
    const expired = intent(1_000, 'EXPIRED');
    const success = intent(1_000, 'SUCCEEDED');
    const input = audit([expired, success], { reservations: { [expired.id]: 'ACTIVE', [success.id]: 'RELEASED' } });
    expect(invariantsOf(input)).toEqual(['reservation-not-released', 'reservation-not-committed']);
  });

  it('forgives a missing reservation of a success only when Redis was restarted', () => {
    const success = intent(1_000, 'SUCCEEDED');
    expect(invariantsOf(audit([success], { reservations: { [success.id]: 'MISSING' } }))).toEqual(['reservation-not-committed']);
    expect(invariantsOf(audit([success], { reservations: { [success.id]: 'MISSING' }, redisRestarted: true }))).toEqual([]);
  });

  it('finds an ended intent that accepted its OTP again', () => {
    const failed = intent(1_000, 'FAILED');
    expect(invariantsOf(audit([failed], { otpReplays: [{ intentId: failed.id, status: 200 }] }))).toEqual(['otp-still-usable']);
    expect(invariantsOf(audit([failed], { otpReplays: [{ intentId: failed.id, status: 409 }] }))).toEqual([]);
  });

  it('reports a broken journal chain with its wallet, even when the sums balance', () => {
    const reconciliation = {
      balanced: true,
      walletsChecked: 5,
      mismatches: [],
      totalsByCurrency: { XOF: 0 },
      intact: false,
      chain: {
        streams: 3,
        lines: 9,
        entries: 3,
        legacy: { lines: 0, entries: 0 },
        broken: [{ problem: 'edited' as const, stream: 'w-client', sequence: 2, entryId: 'e-1' }],
        brokenCount: 1,
      },
    };
    const [violation] = checkInvariants(audit([], { reconciliation })).violations;
    expect(violation).toMatchObject({ invariant: 'reconciliation', wallets: ['w-client'] });
    expect(violation.message).toContain('w-client line 2: edited (e-1)');
  });

  it('reports an unbalanced reconciliation with its wallets', () => {
    const reconciliation = {
      balanced: false,
      walletsChecked: 5,
      mismatches: [{ walletId: 'sys-fees-XOF', balance: 1_600, postings: 1_500 }],
      totalsByCurrency: { XOF: 0 },
    };
    expect(checkInvariants(audit([], { reconciliation })).violations.map((violation) => violation.invariant)).toEqual(['reconciliation', 'house-fees']);
  });

  it('finds an intent a caller was told SUCCEEDED that did not succeed', () => {
    const failed = intent(1_000, 'FAILED');
    expect(invariantsOf(audit([failed], { toldSucceeded: [failed.id] }))).toEqual(['told-succeeded-but-not']);
  });

  it('adds what the flows found themselves, and counts every invariant', () => {
    const finding = { invariant: 'idempotency' as const, message: 'key answered a second intent', intentIds: ['a', 'b'], wallets: [] };
    const result = checkInvariants(audit([]), [finding]);
    expect(result.counts.idempotency).toBe(1);
    expect(result.counts.lost).toBe(0);
  });
});
