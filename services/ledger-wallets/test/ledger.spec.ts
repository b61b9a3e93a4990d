import { aCashOut, anEntry, AT, CLIENT, COMMISSION, FEES, FLOAT, FUNDING, posting, XOF } from './support/ledger-fixtures';
import { commissionEntry, entryProblems, reconcile, Wallet } from '../src/domain/ledger';

describe('entryProblems (double entry)', () => {
  it('accepts a balanced entry of non-zero integers', () => {
    expect(entryProblems(anEntry('e', [posting(FUNDING, -100), posting(CLIENT, 60), posting(FEES, 40)]))).toEqual([]);
  });

  it('refuses an entry whose postings do not sum to zero', () => {
    expect(entryProblems(anEntry('e', [posting(FUNDING, -100), posting(CLIENT, 99)]))).toEqual(['postings in XOF sum to -1, not 0']);
  });

  it('checks the sum per currency, not across currencies', () => {
    const problems = entryProblems(anEntry('e', [posting(FUNDING, -100, 'XOF'), posting(CLIENT, 100, 'EUR')]));

    expect(problems).toEqual(['postings in XOF sum to -100, not 0', 'postings in EUR sum to 100, not 0']);
  });

  it('refuses a zero posting', () => {
    expect(entryProblems(anEntry('e', [posting(FUNDING, -100), posting(CLIENT, 100), posting(FEES, 0)]))).toEqual([
      `posting to ${FEES} must be a non-zero integer`,
    ]);
  });

  it('refuses a non-integer posting even when the entry balances', () => {
    expect(entryProblems(anEntry('e', [posting(FUNDING, -100.5), posting(CLIENT, 100.5)]))).toEqual([
      `posting to ${FUNDING} must be a non-zero integer`,
      `posting to ${CLIENT} must be a non-zero integer`,
    ]);
  });

  it('refuses an unsafe integer', () => {
    const huge = Number.MAX_SAFE_INTEGER + 1;
    expect(entryProblems(anEntry('e', [posting(FUNDING, -huge), posting(CLIENT, huge)]))).toHaveLength(2);
  });

  it('refuses an entry with fewer than two postings', () => {
    expect(entryProblems(anEntry('e', [posting(CLIENT, 100)]))).toContain('an entry needs at least two postings');
  });
});

describe('cashOutEntry and commissionEntry (docs/design.md "How money stays exact")', () => {
  it('posts client −(amount+fee), agent float +amount, fee revenue +fee, capturing the hold', () => {
    const entry = aCashOut('intent-1', 10_000, 250);

    expect(entry).toEqual({
      id: 'cashout-intent-1',
      kind: 'CASH_OUT',
      intentId: 'intent-1',
      postings: [posting(CLIENT, -10_250), posting(FLOAT, 10_000), posting(FEES, 250)],
      capturesHoldId: 'hold-cashout-intent-1',
      createdAt: AT.toISOString(),
    });
    expect(entryProblems(entry)).toEqual([]);
  });

  it('leaves out the fee posting when the fee is zero, so no zero posting exists', () => {
    const entry = aCashOut('intent-1', 10_000, 0);

    expect(entry.postings).toEqual([posting(CLIENT, -10_000), posting(FLOAT, 10_000)]);
    expect(entryProblems(entry)).toEqual([]);
  });

  it('derives the entry id from the intent, so one intent has one cash-out entry', () => {
    expect(aCashOut('intent-7').id).toBe(aCashOut('intent-7', 20_000, 250).id);
    expect(aCashOut('intent-7').id).not.toBe(aCashOut('intent-8').id);
  });

  it('posts fee revenue −commission, agent commission wallet +commission', () => {
    const entry = commissionEntry({
      intentId: 'intent-1',
      feesWalletId: FEES,
      agentCommissionWalletId: COMMISSION,
      commission: 100,
      currency: XOF,
      at: AT,
    });

    expect(entry).toEqual({
      id: 'commission-intent-1',
      kind: 'COMMISSION',
      intentId: 'intent-1',
      postings: [posting(FEES, -100), posting(COMMISSION, 100)],
      createdAt: AT.toISOString(),
    });
    expect(entry && entryProblems(entry)).toEqual([]);
  });

  it('has no commission entry when the commission is zero', () => {
    expect(commissionEntry({ intentId: 'i', feesWalletId: FEES, agentCommissionWalletId: COMMISSION, commission: 0, currency: XOF, at: AT })).toBeUndefined();
  });
});

describe('reconcile (pure)', () => {
  it('detects a journal that does not sum to zero', () => {
    const wallets: Wallet[] = [
      { id: CLIENT, kind: 'MAIN', currency: XOF, allowNegative: false, balance: 100, holds: {} },
      { id: FUNDING, kind: 'SYSTEM', currency: XOF, allowNegative: true, balance: 0, holds: {} },
    ];

    const report = reconcile(wallets, [anEntry('forged', [posting(CLIENT, 100)])]);

    expect(report.balanced).toBe(false);
    expect(report.totalsByCurrency).toEqual({ XOF: 100 });
  });

  it('detects a customer wallet below zero even when its postings match', () => {
    const wallets: Wallet[] = [
      { id: CLIENT, kind: 'MAIN', currency: XOF, allowNegative: false, balance: -100, holds: {} },
      { id: FLOAT, kind: 'FLOAT', currency: XOF, allowNegative: false, balance: 100, holds: {} },
    ];

    const report = reconcile(wallets, [anEntry('e', [posting(CLIENT, -100), posting(FLOAT, 100)])]);

    expect(report.mismatches).toEqual([]);
    expect(report.balanced).toBe(false);
  });
});
