import { expectedCommission, expectedFee } from '../src/domain/fees';

describe('the tariff', () => {
  it.each([
    [499, undefined],
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
    [1_000_001, undefined],
  ])('charges %i XOF a fee of %s', (amount, fee) => {
    expect(expectedFee(amount)).toBe(fee);
  });

  it.each([
    [100, 40],
    [250, 100],
    [500, 200],
    [1_000, 400],
    [2_000, 800],
    [5_000, 2_000],
    [99, 39],
    [1, 0],
  ])('pays a commission of floor(40 %% of %i) = %i', (fee, commission) => {
    expect(expectedCommission(fee)).toBe(commission);
  });

  it('rounds down for other shares, in integers', () => {
    expect(expectedCommission(250, 33)).toBe(82);
  });
});
