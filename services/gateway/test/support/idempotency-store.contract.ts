import { ManualClock } from '@cashout/platform';
import { IdempotencyStore } from '../../src';

export interface IdempotencyStoreSubject {
  store: IdempotencyStore;
  close: () => Promise<void>;
}

const LEASE_MS = 100;
const TTL_MS = 1000;
const terms = { leaseMs: LEASE_MS, ttlMs: TTL_MS };

/** The behaviour every IdempotencyStore adapter must have (in-memory and Redis). */
export function idempotencyStoreContract(name: string, create: (clock: ManualClock) => Promise<IdempotencyStoreSubject>): void {
  describe(`IdempotencyStore contract: ${name}`, () => {
    let clock: ManualClock;
    let subject: IdempotencyStoreSubject;
    let store: IdempotencyStore;
    const outcome = { status: 201, body: { id: 'intent-1', reasons: [], nested: { list: [1, 'two'], none: null } } };
    const later = { status: 201, body: { id: 'intent-1', again: true } };

    beforeEach(async () => {
      clock = new ManualClock();
      subject = await create(clock);
      store = subject.store;
    });

    afterEach(async () => {
      await subject.close();
    });

    it('claims a new key once', async () => {
      const nowMs = clock.now().getTime();
      expect(await store.claim('k', 'f', 'a', terms)).toEqual({ claimed: true, takenOver: false });
      const second = await store.claim('k', 'f', 'b', terms);
      expect(second).toEqual({
        claimed: false,
        existing: { key: 'k', state: 'IN_FLIGHT', fingerprint: 'f', owner: 'a', leaseExpiresAtMs: nowMs + LEASE_MS, expiresAtMs: nowMs + TTL_MS },
      });
    });

    it('lets exactly one of concurrent claims win', async () => {
      const results = await Promise.all(['a', 'b', 'c'].map((owner) => store.claim('k', 'f', owner, terms)));
      expect(results.filter((result) => result.claimed)).toHaveLength(1);
    });

    it('lets exactly one of many concurrent claims win, whatever their bodies', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.claim('k', `f${i % 3}`, `o${i}`, terms)));
      expect(results.filter((result) => result.claimed)).toHaveLength(1);
    });

    it('keeps keys apart', async () => {
      await store.claim('k1', 'f', 'a', terms);
      expect(await store.claim('k2', 'f', 'b', terms)).toEqual({ claimed: true, takenOver: false });
    });

    it('finds nothing for an unknown key', async () => {
      expect(await store.find('unknown')).toBeUndefined();
    });

    it('stores the outcome on completion, exactly as given', async () => {
      const nowMs = clock.now().getTime();
      await store.claim('k', 'f', 'a', terms);
      expect(await store.complete('k', 'a', outcome)).toBe(true);
      expect(await store.find('k')).toEqual({
        key: 'k',
        fingerprint: 'f',
        state: 'DONE',
        outcome,
        owner: 'a',
        leaseExpiresAtMs: nowMs + LEASE_MS,
        expiresAtMs: nowMs + TTL_MS,
      });
    });

    it('answers a later claim with the stored outcome', async () => {
      const refusal = { status: 409, body: null, error: { code: 'INTENT_NOT_PENDING', message: 'no', details: { state: 'FAILED' } } };
      await store.claim('k', 'f', 'a', terms);
      await store.complete('k', 'a', refusal);
      expect(await store.claim('k', 'f', 'b', terms)).toMatchObject({
        claimed: false,
        existing: { key: 'k', fingerprint: 'f', state: 'DONE', outcome: refusal, expiresAtMs: clock.now().getTime() + TTL_MS },
      });
    });

    it('frees the key on release', async () => {
      await store.claim('k', 'f', 'a', terms);
      await store.release('k', 'a');
      expect(await store.find('k')).toBeUndefined();
      expect(await store.claim('k', 'g', 'b', terms)).toEqual({ claimed: true, takenOver: false });
    });

    it('does not let another owner release the record, nor release a completed one', async () => {
      await store.claim('k', 'f', 'a', terms);
      await store.release('k', 'other');
      expect(await store.find('k')).toMatchObject({ state: 'IN_FLIGHT', owner: 'a' });
      await store.complete('k', 'a', outcome);
      await store.release('k', 'a');
      expect(await store.find('k')).toMatchObject({ state: 'DONE', outcome });
    });

    it('forgets a record once it expires', async () => {
      await store.claim('k', 'f', 'a', terms);
      await store.complete('k', 'a', outcome);
      clock.advance(TTL_MS - 1);
      expect(await store.find('k')).toMatchObject({ state: 'DONE' });
      clock.advance(2);
      expect(await store.find('k')).toBeUndefined();
      expect(await store.claim('k', 'g', 'b', terms)).toEqual({ claimed: true, takenOver: false });
      expect(await store.find('k')).toMatchObject({ state: 'IN_FLIGHT', fingerprint: 'g', owner: 'b' });
    });

    it('lets exactly one of concurrent claims take over an expired record', async () => {
      await store.claim('k', 'f', 'a', terms);
      clock.advance(TTL_MS + 1);
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.claim('k', 'g', `o${i}`, terms)));
      expect(results.filter((result) => result.claimed)).toHaveLength(1);
    });

    it('does not let another owner complete the record', async () => {
      await store.claim('k', 'f', 'a', terms);
      expect(await store.complete('k', 'other', outcome)).toBe(false);
      expect(await store.find('k')).toMatchObject({ state: 'IN_FLIGHT', owner: 'a' });
    });

    it('keeps the first outcome when completed twice', async () => {
      await store.claim('k', 'f', 'a', terms);
      await Promise.all([store.complete('k', 'a', outcome), store.complete('k', 'a', { status: 500, body: null })]);
      const found = await store.find('k');
      expect(found?.state).toBe('DONE');
      expect(await store.complete('k', 'a', { status: 418, body: 'late' })).toBe(false);
      expect(await store.find('k')).toEqual(found);
    });

    describe('in-flight leases', () => {
      it('a live lease makes a retry with the same body wait', async () => {
        await store.claim('k', 'f', 'a', terms);
        clock.advance(LEASE_MS - 1);
        expect(await store.claim('k', 'f', 'b', terms)).toMatchObject({ claimed: false, existing: { state: 'IN_FLIGHT', owner: 'a' } });
      });

      it('an expired lease lets a retry with the same body take the record over and run', async () => {
        await store.claim('k', 'f', 'a', terms);
        clock.advance(LEASE_MS);
        const nowMs = clock.now().getTime();
        expect(await store.claim('k', 'f', 'b', terms)).toEqual({ claimed: true, takenOver: true });
        expect(await store.find('k')).toEqual({
          key: 'k',
          fingerprint: 'f',
          state: 'IN_FLIGHT',
          owner: 'b',
          leaseExpiresAtMs: nowMs + LEASE_MS,
          expiresAtMs: nowMs + TTL_MS,
        });
      });

      it('an expired lease still binds the key to its body: another body is answered the record', async () => {
        await store.claim('k', 'f', 'a', terms);
        clock.advance(LEASE_MS + 1);
        expect(await store.claim('k', 'g', 'b', terms)).toMatchObject({ claimed: false, existing: { fingerprint: 'f', owner: 'a' } });
      });

      it('lets exactly one of concurrent retries take over an expired lease', async () => {
        await store.claim('k', 'f', 'a', terms);
        clock.advance(LEASE_MS + 1);
        const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.claim('k', 'f', `o${i}`, terms)));
        expect(results.filter((result) => result.claimed)).toHaveLength(1);
        const winner = (await store.find('k'))?.owner;
        expect(winner).toMatch(/^o\d$/);
      });

      it("completing after losing the lease does not overwrite the new owner's record", async () => {
        await store.claim('k', 'f', 'a', terms);
        clock.advance(LEASE_MS + 1);
        await store.claim('k', 'f', 'b', terms);

        expect(await store.complete('k', 'a', outcome)).toBe(false);
        expect(await store.find('k')).toMatchObject({ state: 'IN_FLIGHT', owner: 'b' });
        await store.release('k', 'a');
        expect(await store.find('k')).toMatchObject({ state: 'IN_FLIGHT', owner: 'b' });

        expect(await store.complete('k', 'b', later)).toBe(true);
        expect(await store.complete('k', 'a', outcome)).toBe(false);
        expect(await store.find('k')).toMatchObject({ state: 'DONE', owner: 'b', outcome: later });
      });

      it('the owner may still complete after its lease ran out, while nobody took over', async () => {
        await store.claim('k', 'f', 'a', terms);
        clock.advance(LEASE_MS + 1);
        expect(await store.complete('k', 'a', outcome)).toBe(true);
        expect(await store.claim('k', 'f', 'b', terms)).toMatchObject({ claimed: false, existing: { state: 'DONE', outcome } });
      });

      it('a DONE record keeps its whole life, whatever the lease', async () => {
        await store.claim('k', 'f', 'a', terms);
        await store.complete('k', 'a', outcome);
        clock.advance(TTL_MS - 1);
        expect(await store.claim('k', 'f', 'b', terms)).toMatchObject({ claimed: false, existing: { state: 'DONE', outcome } });
      });
    });
  });
}
