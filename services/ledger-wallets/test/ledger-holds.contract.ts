import { LedgerRepository } from '../src/ledger.repository.port';
import { CLIENT } from './support/ledger-fixtures';
import { availableOf, balanceOf } from './support/ledger-balances';

/**
 * The holds part of the ledger repository contract (see ledger.repository.contract.ts),
 * run with the same ledgers: house wallets, an agent, and a funded client.
 */
export function describeHoldsContract(aLedger: (clientOpening?: number) => Promise<LedgerRepository>): void {
  describe('placeHold', () => {
    it('sets funds aside when the available balance covers them', async () => {
      const ledger = await aLedger(10_000);

      expect(await ledger.placeHold(CLIENT, 'h1', 10_000)).toEqual({ kind: 'placed' });

      expect(await balanceOf(ledger, CLIENT)).toBe(10_000);
      expect(await availableOf(ledger, CLIENT)).toBe(0);
    });

    it('refuses a hold above the available balance, telling what is available', async () => {
      const ledger = await aLedger(10_000);
      await ledger.placeHold(CLIENT, 'h1', 6_000);

      expect(await ledger.placeHold(CLIENT, 'h2', 4_001)).toEqual({ kind: 'insufficient', available: 4_000 });
      expect(await availableOf(ledger, CLIENT)).toBe(4_000);
    });

    it('treats the same hold id twice as one hold ("exists"), not two', async () => {
      const ledger = await aLedger(10_000);
      await ledger.placeHold(CLIENT, 'h1', 3_000);

      expect(await ledger.placeHold(CLIENT, 'h1', 3_000)).toEqual({ kind: 'exists' });

      expect(await availableOf(ledger, CLIENT)).toBe(7_000);
      expect((await ledger.findWallet(CLIENT))?.holds).toEqual({ h1: 3_000 });
    });

    it('answers no-wallet for an unknown wallet', async () => {
      const ledger = await aLedger();

      expect(await ledger.placeHold('wlt-nobody', 'h1', 1)).toEqual({ kind: 'no-wallet' });
    });

    it('never holds more than the balance, however many holds race (Promise.all)', async () => {
      const ledger = await aLedger(10_000);

      const outcomes = await Promise.all(Array.from({ length: 25 }, (_, index) => ledger.placeHold(CLIENT, `h${index}`, 1_000)));

      expect(outcomes.filter((outcome) => outcome.kind === 'placed')).toHaveLength(10);
      expect(outcomes.filter((outcome) => outcome.kind === 'insufficient')).toHaveLength(15);
      expect(await availableOf(ledger, CLIENT)).toBe(0);
      expect(await balanceOf(ledger, CLIENT)).toBe(10_000);
    });

    it('places one hold when the same hold id races with itself', async () => {
      const ledger = await aLedger(10_000);

      const outcomes = await Promise.all(Array.from({ length: 5 }, () => ledger.placeHold(CLIENT, 'h1', 4_000)));

      expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(['exists', 'exists', 'exists', 'exists', 'placed']);
      expect(await availableOf(ledger, CLIENT)).toBe(6_000);
    });

    it('frees the funds on releaseHold; releasing again is a no-op', async () => {
      const ledger = await aLedger(10_000);
      await ledger.placeHold(CLIENT, 'h1', 10_000);

      await ledger.releaseHold(CLIENT, 'h1');
      await ledger.releaseHold(CLIENT, 'h1');

      expect(await availableOf(ledger, CLIENT)).toBe(10_000);
      expect(await ledger.placeHold(CLIENT, 'h2', 10_000)).toEqual({ kind: 'placed' });
    });

    it('never places a hold whose release came first (a release of an unknown hold spends its id)', async () => {
      const ledger = await aLedger(10_000);

      await ledger.releaseHold(CLIENT, 'late-hold');

      expect(await ledger.placeHold(CLIENT, 'late-hold', 1_000)).toEqual({ kind: 'released' });
      expect(await availableOf(ledger, CLIENT)).toBe(10_000);
    });

    it('answers released, and places nothing, when a released hold is asked for again', async () => {
      const ledger = await aLedger(10_000);
      await ledger.placeHold(CLIENT, 'h1', 4_000);
      await ledger.releaseHold(CLIENT, 'h1');

      expect(await ledger.placeHold(CLIENT, 'h1', 4_000)).toEqual({ kind: 'released' });
      expect(await availableOf(ledger, CLIENT)).toBe(10_000);
    });

    it('settles a hold once whatever the order of a racing place and release', async () => {
      const ledger = await aLedger(10_000);

      await Promise.all([ledger.placeHold(CLIENT, 'race', 3_000), ledger.releaseHold(CLIENT, 'race'), ledger.releaseHold(CLIENT, 'race')]);

      expect(await availableOf(ledger, CLIENT)).toBe(10_000);
      expect(await balanceOf(ledger, CLIENT)).toBe(10_000);
    });

    it('lists the holds set aside, with their intent', async () => {
      const ledger = await aLedger(10_000);
      await ledger.placeHold(CLIENT, 'h1', 1_000, 'intent-9');

      const held = await ledger.heldFunds();

      expect(held).toEqual([{ walletId: CLIENT, hold: expect.objectContaining({ holdId: 'h1', amount: 1_000, intentId: 'intent-9' }) }]);
    });
  });
}
