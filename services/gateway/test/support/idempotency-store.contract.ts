import { ManualClock } from '@cashout/platform';
import { IdempotencyStore } from '../../src';

export interface IdempotencyStoreSubject {
  store: IdempotencyStore;
  close: () => Promise<void>;
}

/** The behaviour every IdempotencyStore adapter must have (in-memory and Redis). */
export function idempotencyStoreContract(
  name: string,
  create: (clock: ManualClock) => Promise<IdempotencyStoreSubject>,
): void {
  describe(`IdempotencyStore contract: ${name}`, () => {
    let clock: ManualClock;
    let subject: IdempotencyStoreSubject;
    let store: IdempotencyStore;
    const outcome = { status: 201, body: { id: 'intent-1', reasons: [], nested: { list: [1, 'two'], none: null } } };

    beforeEach(async () => {
      clock = new ManualClock();
      subject = await create(clock);
      store = subject.store;
    });

    afterEach(async () => {
      await subject.close();
    });

    it('claims a new key once', async () => {
      expect(await store.claim('k', 'f', 1000)).toEqual({ claimed: true });
      const second = await store.claim('k', 'f', 1000);
      expect(second).toMatchObject({ claimed: false, existing: { key: 'k', state: 'IN_FLIGHT', fingerprint: 'f' } });
    });

    it('lets exactly one of concurrent claims win', async () => {
      const results = await Promise.all([store.claim('k', 'f', 1000), store.claim('k', 'f', 1000), store.claim('k', 'f', 1000)]);
      expect(results.filter((result) => result.claimed)).toHaveLength(1);
    });

    it('lets exactly one of many concurrent claims win, whatever their bodies', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.claim('k', `f${i % 3}`, 1000)));
      expect(results.filter((result) => result.claimed)).toHaveLength(1);
    });

    it('keeps keys apart', async () => {
      await store.claim('k1', 'f', 1000);
      expect(await store.claim('k2', 'f', 1000)).toEqual({ claimed: true });
    });

    it('finds nothing for an unknown key', async () => {
      expect(await store.find('unknown')).toBeUndefined();
    });

    it('stores the outcome on completion, exactly as given', async () => {
      await store.claim('k', 'f', 1000);
      await store.complete('k', 'f', outcome);
      expect(await store.find('k')).toEqual({ key: 'k', fingerprint: 'f', state: 'DONE', outcome, expiresAtMs: clock.now().getTime() + 1000 });
    });

    it('answers a later claim with the stored outcome', async () => {
      const refusal = { status: 409, body: null, error: { code: 'INTENT_NOT_PENDING', message: 'no', details: { state: 'FAILED' } } };
      await store.claim('k', 'f', 1000);
      await store.complete('k', 'f', refusal);
      expect(await store.claim('k', 'f', 1000)).toEqual({
        claimed: false,
        existing: { key: 'k', fingerprint: 'f', state: 'DONE', outcome: refusal, expiresAtMs: clock.now().getTime() + 1000 },
      });
    });

    it('frees the key on release', async () => {
      await store.claim('k', 'f', 1000);
      await store.release('k', 'f');
      expect(await store.find('k')).toBeUndefined();
      expect(await store.claim('k', 'f', 1000)).toEqual({ claimed: true });
    });

    it('does not let another fingerprint release the record, nor release a completed one', async () => {
      await store.claim('k', 'f', 1000);
      await store.release('k', 'other');
      expect(await store.find('k')).toMatchObject({ state: 'IN_FLIGHT' });
      await store.complete('k', 'f', outcome);
      await store.release('k', 'f');
      expect(await store.find('k')).toMatchObject({ state: 'DONE', outcome });
    });

    it('forgets a record once it expires', async () => {
      await store.claim('k', 'f', 1000);
      await store.complete('k', 'f', outcome);
      clock.advance(999);
      expect(await store.find('k')).toMatchObject({ state: 'DONE' });
      clock.advance(2);
      expect(await store.find('k')).toBeUndefined();
      expect(await store.claim('k', 'g', 1000)).toEqual({ claimed: true });
      expect(await store.find('k')).toMatchObject({ state: 'IN_FLIGHT', fingerprint: 'g' });
    });

    it('lets exactly one of concurrent claims take over an expired record', async () => {
      await store.claim('k', 'f', 1000);
      clock.advance(1001);
      const results = await Promise.all(Array.from({ length: 10 }, () => store.claim('k', 'g', 1000)));
      expect(results.filter((result) => result.claimed)).toHaveLength(1);
    });

    it('does not let another fingerprint complete the record', async () => {
      await store.claim('k', 'f', 1000);
      await store.complete('k', 'other', outcome);
      expect(await store.find('k')).toMatchObject({ state: 'IN_FLIGHT' });
    });

    it('keeps the first outcome when completed twice', async () => {
      await store.claim('k', 'f', 1000);
      await Promise.all([store.complete('k', 'f', outcome), store.complete('k', 'f', { status: 500, body: null })]);
      const found = await store.find('k');
      expect(found?.state).toBe('DONE');
      await store.complete('k', 'f', { status: 418, body: 'late' });
      expect(await store.find('k')).toEqual(found);
    });
  });
}
