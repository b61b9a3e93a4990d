import { commissionFor, DEFAULT_FEE_BANDS, FeeBand, feeFor, validateBands } from '../src/domain/fees';
import { loadLedgerConfig } from '../src/ledger.config';

/** 40 % in basis points, as loadLedgerConfig derives it from COMMISSION_PERCENT=40. */
const FORTY_PERCENT = 4_000;

describe('feeFor with the default bands of docs/api.md "Fees" (XOF, inclusive)', () => {
  it.each([
    [500, 100],
    [5_000, 100],
    [5_001, 250],
    [20_000, 250],
    [20_001, 500],
    [50_000, 500],
    [50_001, 1_000],
    [100_000, 1_000],
    [100_001, 2_000],
    [300_000, 2_000],
    [300_001, 5_000],
    [1_000_000, 5_000],
  ])('charges an amount of %i a fee of %i', (amount, fee) => {
    expect(feeFor(amount, DEFAULT_FEE_BANDS)).toBe(fee);
  });

  it.each([1, 499, 1_000_001, 5_000_000])('has no fee for %i, which no band covers', (amount) => {
    expect(feeFor(amount, DEFAULT_FEE_BANDS)).toBeUndefined();
  });

  it('has no fee for an amount that falls in a gap between two bands', () => {
    const bands: FeeBand[] = [
      { min: 100, max: 199, fee: 10 },
      { min: 300, max: 399, fee: 30 },
    ];

    expect(feeFor(250, bands)).toBeUndefined();
    expect(feeFor(199, bands)).toBe(10);
    expect(feeFor(300, bands)).toBe(30);
  });

  it('is the table loadLedgerConfig uses by default, with a 40 % commission', () => {
    const config = loadLedgerConfig({ APP_ENV: 'test' });

    expect(config.saga.fees.bands).toEqual(DEFAULT_FEE_BANDS);
    expect(config.saga.fees.commissionBps).toBe(FORTY_PERCENT);
  });
});

describe('commissionFor: the agent earns 40 % of the fee, rounded down', () => {
  it.each([
    [100, 40],
    [250, 100],
    [500, 200],
    [1_000, 400],
    [2_000, 800],
    [5_000, 2_000],
  ])('pays a commission of %i → %i on the default fees', (fee, commission) => {
    expect(commissionFor(fee, FORTY_PERCENT)).toBe(commission);
  });

  it.each([
    [99, 39],
    [101, 40],
    [1, 0],
    [3, 1],
  ])('rounds a fractional share of fee %i down to %i', (fee, commission) => {
    expect(commissionFor(fee, FORTY_PERCENT)).toBe(commission);
  });

  it('always returns an integer number of minor units', () => {
    for (let fee = 0; fee <= 2_000; fee += 7) {
      const commission = commissionFor(fee, 3_333);
      expect(Number.isInteger(commission)).toBe(true);
      expect(commission).toBeLessThanOrEqual((fee * 3_333) / 10_000);
      expect(commission).toBeGreaterThan((fee * 3_333) / 10_000 - 1);
    }
  });

  it('pays nothing on a zero fee or a zero share', () => {
    expect(commissionFor(0, FORTY_PERCENT)).toBe(0);
    expect(commissionFor(5_000, 0)).toBe(0);
  });
});

describe('validateBands', () => {
  it('accepts the default bands', () => {
    expect(validateBands(DEFAULT_FEE_BANDS)).toEqual([]);
  });

  it('reports a band that overlaps the previous one', () => {
    const problems = validateBands([
      { min: 500, max: 5_000, fee: 100 },
      { min: 5_000, max: 20_000, fee: 250 },
    ]);

    expect(problems).toEqual(['band 1: overlaps the previous band']);
  });

  it('reports bands given out of order', () => {
    const problems = validateBands([
      { min: 5_001, max: 20_000, fee: 250 },
      { min: 500, max: 5_000, fee: 100 },
    ]);

    expect(problems).toContain('band 1: overlaps the previous band');
  });

  it.each(['min', 'max', 'fee'] as const)('reports a negative %s', (key) => {
    const band: FeeBand = { min: 500, max: 5_000, fee: 100 };
    band[key] = -1;

    expect(validateBands([band])).toContain(`band 0: ${key} must be a non-negative integer`);
  });

  it.each(['min', 'max', 'fee'] as const)('reports a non-integer %s', (key) => {
    const band: FeeBand = { min: 500, max: 5_000, fee: 100 };
    band[key] = band[key] + 0.5;

    expect(validateBands([band])).toContain(`band 0: ${key} must be a non-negative integer`);
  });

  it('reports a band whose min is above its max', () => {
    expect(validateBands([{ min: 6_000, max: 5_000, fee: 100 }])).toEqual(['band 0: min is above max']);
  });

  it('accepts adjacent bands and a single-amount band', () => {
    expect(
      validateBands([
        { min: 1, max: 1, fee: 0 },
        { min: 2, max: 10, fee: 1 },
      ]),
    ).toEqual([]);
  });

  it('makes loadLedgerConfig fail fast on overlapping FEE_BANDS_JSON', () => {
    const overlapping = JSON.stringify([
      { min: 500, max: 5_000, fee: 100 },
      { min: 4_000, max: 20_000, fee: 250 },
    ]);

    expect(() => loadLedgerConfig({ APP_ENV: 'test', FEE_BANDS_JSON: overlapping })).toThrow(/FEE_BANDS_JSON: band 1: overlaps/);
  });
});
