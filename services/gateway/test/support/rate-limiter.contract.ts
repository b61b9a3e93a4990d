import { ManualClock } from '@cashout/platform';
import { RateLimiter } from '../../src';

/** The behaviour every RateLimiter adapter must have (in-memory now, Redis later). */
export function rateLimiterContract(name: string, create: (clock: ManualClock) => RateLimiter): void {
  describe(`RateLimiter contract: ${name}`, () => {
    let clock: ManualClock;
    let limiter: RateLimiter;

    beforeEach(() => {
      clock = new ManualClock();
      limiter = create(clock);
    });

    it('allows up to the budget, then refuses with a retry delay', async () => {
      expect(await limiter.take('a', 2)).toEqual({ allowed: true });
      expect(await limiter.take('a', 2)).toEqual({ allowed: true });
      const refused = await limiter.take('a', 2);
      expect(refused.allowed).toBe(false);
      expect(refused.allowed === false && refused.retryAfterMs).toBeGreaterThan(0);
    });

    it('keeps keys apart', async () => {
      await limiter.take('a', 1);
      expect(await limiter.take('b', 1)).toEqual({ allowed: true });
    });

    it('refills with time', async () => {
      await limiter.take('a', 1);
      expect((await limiter.take('a', 1)).allowed).toBe(false);
      clock.advance(60_000);
      expect(await limiter.take('a', 1)).toEqual({ allowed: true });
    });
  });
}
