import { AuditResult, INVARIANTS, Invariant } from '@cashout/chaos';
import { moneyVerdict } from '../src/audit/money-check';

const audit = (succeeded: number, overrides: Partial<AuditResult> = {}): AuditResult => ({
  violations: [],
  counts: Object.fromEntries(INVARIANTS.map((name) => [name, 0])) as Record<Invariant, number>,
  lostAmount: 0,
  doubledAmount: 0,
  wallets: [{ phone: '+2250200000001', kind: 'MAIN', walletId: 'w1', before: 10_000, expected: 4_900, actual: 4_900, available: 4_900, succeeded: ['i1'] }],
  intentsByStatus: { SUCCEEDED: succeeded },
  ...overrides,
});

describe('moneyVerdict', () => {
  it('given every invariant held, balanced, and as many successes as the bench saw, when judged, then exact', () => {
    const verdict = moneyVerdict(audit(1), true, 1, false);

    expect(verdict.exact).toBe(true);
    expect([verdict.walletsExact, verdict.walletsChecked]).toEqual([1, 1]);
  });

  it('given a success the bench never saw, when judged, then not exact', () => {
    expect(moneyVerdict(audit(2), true, 1, false).exact).toBe(false);
  });

  it('given an unbalanced reconciliation, when judged, then not exact', () => {
    expect(moneyVerdict(audit(1), false, 1, false).exact).toBe(false);
  });

  it('given a violation, when judged, then not exact and the violation kept', () => {
    const violation = { invariant: 'lost' as const, message: 'MAIN of +2250200000001 off by 5100', intentIds: ['i1'], wallets: ['w1'] };

    const verdict = moneyVerdict(audit(1, { violations: [violation] }), true, 1, true);

    expect(verdict.exact).toBe(false);
    expect(verdict.violations).toEqual([violation]);
  });
});
