import { ManualClock } from '@cashout/platform';
import { IdempotencyStore } from '../../src';

/** The behaviour every IdempotencyStore adapter must have (in-memory now, Redis later). */
export function idempotencyStoreContract(name: string, create: (clock: ManualClock) => IdempotencyStore): void {
  describe(`IdempotencyStore contract: ${name}`, () => {
    let clock: ManualClock;
    let store: IdempotencyStore;
    const outcome = { status: 201, body: { id: 'intent-1' } };

    beforeEach(() => {
      clock = new ManualClock();
      store = create(clock);
    });

    it('claims a new key once', async () => {
      expect(await store.claim('k', 'f', 1000)).toEqual({ claimed: true });
      const second = await store.claim('k', 'f', 1000);
      expect(second).toMatchObject({ claimed: false, existing: { state: 'IN_FLIGHT', fingerprint: 'f' } });
    });

    it('lets exactly one of concurrent claims win', async () => {
      const results = await Promise.all([store.claim('k', 'f', 1000), store.claim('k', 'f', 1000), store.claim('k', 'f', 1000)]);
      expect(results.filter((result) => result.claimed)).toHaveLength(1);
    });

    it('stores the outcome on completion', async () => {
      await store.claim('k', 'f', 1000);
      await store.complete('k', 'f', outcome);
      expect(await store.find('k')).toMatchObject({ state: 'DONE', outcome });
    });

    it('frees the key on release', async () => {
      await store.claim('k', 'f', 1000);
      await store.release('k', 'f');
      expect(await store.find('k')).toBeUndefined();
      expect(await store.claim('k', 'f', 1000)).toEqual({ claimed: true });
    });

    it('forgets a record once it expires', async () => {
      await store.claim('k', 'f', 1000);
      await store.complete('k', 'f', outcome);
      clock.advance(1001);
      expect(await store.find('k')).toBeUndefined();
      expect(await store.claim('k', 'g', 1000)).toEqual({ claimed: true });
    });

    it('does not let another fingerprint complete the record', async () => {
      await store.claim('k', 'f', 1000);
      await store.complete('k', 'other', outcome);
      expect(await store.find('k')).toMatchObject({ state: 'IN_FLIGHT' });
    });
  });
}
