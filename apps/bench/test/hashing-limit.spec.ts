import { BCRYPT_PER_CASH_OUT, hashingLimit } from '../src/hashing/hashing-limit';

describe('hashingLimit', () => {
  it('given a compare and a hash of 50 ms, when computed, then a cash-out costs 2 compares + 1 hash = 150 ms: 6.67/s per core', () => {
    const limit = hashingLimit(10, 50, 50, 2);

    expect(BCRYPT_PER_CASH_OUT).toEqual({ compares: 2, hashes: 1 });
    expect(limit.cashOutMs).toBe(150);
    expect(limit.perCore).toBeCloseTo(6.667, 3);
    expect(limit.allCores).toBeCloseTo(13.333, 3);
  });

  it('given a hash slower than a compare, when computed, then each weighs by its count', () => {
    expect(hashingLimit(10, 10, 70, 1).cashOutMs).toBe(90);
  });
});
