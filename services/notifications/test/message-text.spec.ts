import { cashOutOutcomeText, formatMoney } from '../src/domain/message-text';

describe('message texts', () => {
  it('formats a zero-decimal currency in whole units with grouped thousands', () => {
    expect(formatMoney(1_500_000, 'XOF')).toBe('1 500 000 XOF');
  });

  it('formats a two-decimal currency from minor units without floating point', () => {
    expect(formatMoney(123_456_789, 'EUR')).toBe('1 234 567.89 EUR');
    expect(formatMoney(5, 'EUR')).toBe('0.05 EUR');
  });

  it('tells the client the amount, fee, reference and new balance of a success', () => {
    // given a succeeded cash-out
    // when the text is written
    const text = cashOutOutcomeText({
      outcome: 'SUCCEEDED',
      amount: 10_000,
      fee: 250,
      currency: 'XOF',
      referenceId: 'CO-ABC123',
      newBalance: 489_750,
    });
    // then every fact is in it
    expect(text).toContain('10 000 XOF');
    expect(text).toContain('Fee: 250 XOF');
    expect(text).toContain('CO-ABC123');
    expect(text).toContain('New balance: 489 750 XOF');
  });

  it('tells the client of a failure with its reason', () => {
    const text = cashOutOutcomeText({
      outcome: 'FAILED',
      amount: 10_000,
      fee: 250,
      currency: 'XOF',
      referenceId: 'CO-ABC123',
      reason: 'ledger unavailable',
    });
    expect(text).toContain('failed');
    expect(text).toContain('ledger unavailable');
    expect(text).toContain('CO-ABC123');
  });
});
