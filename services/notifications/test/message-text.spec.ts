import { accessChangeText, cashOutOutcomeText, formatMoney } from '../src/domain/message-text';

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

  it('tells of a PIN lock with its unlock time in UTC, naming the day only when it is another', () => {
    const today = accessChangeText({ change: 'LOCKED', lockedUntil: '2026-01-15T10:15:42.000Z', changedAt: '2026-01-15T10:00:42.000Z' });
    expect(today).toBe('Your PIN was locked after too many wrong attempts; it unlocks at 10:15 UTC. If this was not you, contact support.');
    const tomorrow = accessChangeText({ change: 'LOCKED', lockedUntil: '2026-01-16T02:05:00.000Z', changedAt: '2026-01-15T22:05:00.000Z' });
    expect(tomorrow).toContain('it unlocks at 02:05 UTC on 16 Jan 2026.');
  });

  it('tells of a lock only staff can lift (no time, or an unreadable one) and of its lifting, with no secret', () => {
    expect(accessChangeText({ change: 'LOCKED', changedAt: '2026-01-15T10:00:00.000Z' })).toContain('; staff can unlock it.');
    expect(accessChangeText({ change: 'LOCKED', lockedUntil: 'soon', changedAt: '2026-01-15T10:00:00.000Z' })).toContain('; staff can unlock it.');
    expect(accessChangeText({ change: 'UNLOCKED', changedAt: '2026-01-15T10:00:00.000Z' })).toBe('Your PIN lock was lifted by staff. Sign in again.');
  });
});
