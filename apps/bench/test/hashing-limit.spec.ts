import { BCRYPT_PER_CASH_OUT, hashingLimit } from '../src/hashing/hashing-limit';

describe('hashingLimit', () => {
  it('given a compare and a hash of 50 ms, when computed, then a cash-out costs 3 compares + 1 hash = 200 ms: 5/s per core', () => {
    const limit = hashingLimit(10, 50, 50, 2);

    expect(BCRYPT_PER_CASH_OUT).toEqual({ compares: 3, hashes: 1 });
    expect(limit.cashOutMs).toBe(200);
    expect(limit.perCore).toBe(5);
    expect(limit.allCores).toBe(10);
  });

  it('given a hash slower than a compare, when computed, then each weighs by its count', () => {
    expect(hashingLimit(10, 10, 70, 1).cashOutMs).toBe(100);
  });
});
