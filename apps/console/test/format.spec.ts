import { AMOUNT_INVALID, formatCountdown, formatDuration, formatMoney, parseAmount, parseAmountOr, utcDay, uuid } from '../src/lib/format';

const NBSP = '\u00a0';

describe('formatMoney', () => {
  it('groups XOF (no decimals) by thousands', () => {
    expect(formatMoney(10000, 'XOF')).toBe(`10${NBSP}000${NBSP}XOF`);
    expect(formatMoney(489750)).toBe(`489${NBSP}750${NBSP}XOF`);
    expect(formatMoney(250)).toBe(`250${NBSP}XOF`);
    expect(formatMoney(0)).toBe(`0${NBSP}XOF`);
    expect(formatMoney(1000000)).toBe(`1${NBSP}000${NBSP}000${NBSP}XOF`);
  });

  it('shows two decimals for currencies with cents, and negatives', () => {
    expect(formatMoney(123456, 'EUR')).toBe(`1${NBSP}234.56${NBSP}EUR`);
    expect(formatMoney(-1500, 'XOF')).toBe(`-1${NBSP}500${NBSP}XOF`);
  });
});

describe('parseAmount', () => {
  it('takes whole positive numbers, spaces allowed', () => {
    expect(parseAmount('10000')).toBe(10000);
    expect(parseAmount(' 10 000 ')).toBe(10000);
  });

  it('refuses decimals, signs, zero, words and unsafe integers', () => {
    for (const text of ['', '10.5', '-5', '0', 'ten', '1e4', '99999999999999999']) expect(parseAmount(text)).toBeUndefined();
  });
});

describe('parseAmountOr', () => {
  it('gives the amount and clears the form’s error', () => {
    const setError = jest.fn();
    expect(parseAmountOr(' 10 000 ', setError)).toBe(10000);
    expect(setError.mock.calls).toEqual([[undefined]]);
  });

  it('gives undefined and says AMOUNT_INVALID for an amount parseAmount refuses', () => {
    const setError = jest.fn();
    expect(parseAmountOr('10.5', setError)).toBeUndefined();
    expect(setError.mock.calls).toEqual([[AMOUNT_INVALID]]);
  });
});

describe('formatCountdown', () => {
  it('shows minutes and seconds, hours past an hour, expired at zero', () => {
    expect(formatCountdown(65_000)).toBe('1:05');
    expect(formatCountdown(4_001)).toBe('0:05');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(formatCountdown(0)).toBe('expired');
    expect(formatCountdown(-10)).toBe('expired');
  });
});

describe('formatDuration and utcDay', () => {
  it('picks a unit', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_340)).toBe('12.3 s');
    expect(formatDuration(270_000)).toBe('4.5 min');
  });

  it('gives the UTC day', () => {
    expect(utcDay(new Date('2026-11-27T23:59:59Z'))).toBe('2026-11-27');
  });
});

describe('uuid', () => {
  it('is a version 4, variant 1 UUID', () => {
    expect(uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuid((bytes) => bytes.fill(0xff))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(uuid()).not.toBe(uuid());
  });
});
