import { backoffDelayMs, isRetryableStatus } from '../src/domain/provider-retry-policy';

describe('provider retry policy', () => {
  it('retries server errors and throttling', () => {
    expect(isRetryableStatus(500)).toBe(true);
    expect(isRetryableStatus(503)).toBe(true);
    expect(isRetryableStatus(429)).toBe(true);
  });

  it('does not retry a client error that will never pass', () => {
    expect(isRetryableStatus(400)).toBe(false);
    expect(isRetryableStatus(401)).toBe(false);
  });

  it('doubles the delay after each failed try', () => {
    expect([1, 2, 3].map((failedTry) => backoffDelayMs(failedTry, 100))).toEqual([100, 200, 400]);
  });
});
