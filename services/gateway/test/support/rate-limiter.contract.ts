import { ManualClock } from '@cashout/platform';
import { RateLimiter } from '../../src';

export interface RateLimiterSubject {
  limiter: RateLimiter;
  close: () => Promise<void>;
}

/** The behaviour every RateLimiter adapter must have (in-memory and Redis). */
export function rateLimiterContract(name: string, create: (clock: ManualClock) => Promise<RateLimiterSubject>): void {
  describe(`RateLimiter contract: ${name}`, () => {
    let clock: ManualClock;
    let subject: RateLimiterSubject;
    let limiter: RateLimiter;

    beforeEach(async () => {
      clock = new ManualClock();
      subject = await create(clock);
      limiter = subject.limiter;
    });

    afterEach(async () => {
      await subject.close();
    });

    it('allows up to the budget, then refuses with a retry delay', async () => {
      expect(await limiter.take('a', 2)).toEqual({ allowed: true });
      expect(await limiter.take('a', 2)).toEqual({ allowed: true });
      const refused = await limiter.take('a', 2);
      expect(refused.allowed).toBe(false);
      expect(refused.allowed === false && refused.retryAfterMs).toBeGreaterThan(0);
    });

    it('asks to retry exactly when the next token is back', async () => {
      await limiter.take('a', 60);
      for (let i = 1; i < 60; i += 1) await limiter.take('a', 60);
      expect(await limiter.take('a', 60)).toEqual({ allowed: false, retryAfterMs: 1000 });
      clock.advance(400);
      expect(await limiter.take('a', 60)).toEqual({ allowed: false, retryAfterMs: 600 });
      clock.advance(600);
      expect(await limiter.take('a', 60)).toEqual({ allowed: true });
    });

    it('answers a check (cost 0) without spending: the budget is the same after any number of checks', async () => {
      for (let i = 0; i < 5; i += 1) expect(await limiter.take('a', 2, 0)).toEqual({ allowed: true });
      await limiter.take('a', 2);
      await limiter.take('a', 2);
      const refused = await limiter.take('a', 2, 0);
      expect(refused.allowed).toBe(false);
      clock.advance(30_000);
      expect(await limiter.take('a', 2, 0)).toEqual({ allowed: true });
      expect(await limiter.take('a', 2)).toEqual({ allowed: true });
      expect((await limiter.take('a', 2, 0)).allowed).toBe(false);
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

    it('refills continuously, never beyond the budget', async () => {
      for (let i = 0; i < 3; i += 1) await limiter.take('a', 3);
      clock.advance(20_000);
      expect(await limiter.take('a', 3)).toEqual({ allowed: true });
      expect((await limiter.take('a', 3)).allowed).toBe(false);
      clock.advance(10 * 60_000);
      const afterIdle = [];
      for (let i = 0; i < 4; i += 1) afterIdle.push((await limiter.take('a', 3)).allowed);
      expect(afterIdle).toEqual([true, true, true, false]);
    });

    it('never allows more than the budget to concurrent takes', async () => {
      const results = await Promise.all(Array.from({ length: 25 }, () => limiter.take('burst', 10)));
      expect(results.filter((result) => result.allowed)).toHaveLength(10);
    });
  });
}
