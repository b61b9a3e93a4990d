import { StreamStore } from '@cashout/platform';
import { JournalEntry, reconcile } from '../src/domain/ledger';
import { WalletState } from '../src/domain/wallet-stream';
import { LedgerRecords } from '../src/infrastructure/ledger-records.port';
import { StreamLedgerRepository } from '../src/infrastructure/stream-ledger.repository';
import { aCashOut, anEntry, CLIENT, COMMISSION, FEES, FLOAT, FUNDING, posting, XOF } from './support/ledger-fixtures';

export interface LedgerStoresUnderTest {
  streams: StreamStore<WalletState>;
  records: LedgerRecords;
  close: () => Promise<void>;
}

class Crash extends Error {}

/** The records, failing once at the named step: the process "dies" there, mid-entry. */
function crashingOnce(records: LedgerRecords, step: 'insertEntry' | 'insertHousePosting'): LedgerRecords {
  let crashed = false;
  return new Proxy(records, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (property !== step || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return (...args: unknown[]) => {
        if (!crashed) {
          crashed = true;
          return Promise.reject(new Crash(`crash before ${step}`));
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/**
 * A poster that dies between two legs of an entry leaves a prefix of it; posting the same
 * entry again (a redelivery, the sweeper's resend) finishes it, and moves each wallet once.
 */
export function describeLedgerRecovery(name: string, makeStores: () => Promise<LedgerStoresUnderTest>): void {
  describe(`${name} (ledger recovery after a crash mid-entry)`, () => {
    const opened: LedgerStoresUnderTest[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((stores) => stores.close()));
    });

    async function ledgers(crashAt: 'insertEntry' | 'insertHousePosting') {
      const stores = await makeStores();
      opened.push(stores);
      const healthy = new StreamLedgerRepository(stores.streams, stores.records, async () => []);
      const crashing = new StreamLedgerRepository(stores.streams, crashingOnce(stores.records, crashAt), async () => []);
      await healthy.openWallet({ id: FUNDING, kind: 'SYSTEM', currency: XOF, allowNegative: true });
      await healthy.openWallet({ id: FEES, kind: 'SYSTEM', currency: XOF, allowNegative: false });
      await healthy.openWallet({ id: CLIENT, kind: 'MAIN', currency: XOF, allowNegative: false });
      await healthy.openWallet({ id: FLOAT, kind: 'FLOAT', currency: XOF, allowNegative: false });
      await healthy.openWallet({ id: COMMISSION, kind: 'COMMISSION', currency: XOF, allowNegative: false });
      await healthy.post(anEntry(`opening-${CLIENT}`, [posting(FUNDING, -50_000), posting(CLIENT, 50_000)]));
      await healthy.placeHold(CLIENT, 'hold-cashout-intent-1', 10_250);
      return { healthy, crashing };
    }

    async function expectPostedOnce(ledger: StreamLedgerRepository, entry: JournalEntry): Promise<void> {
      expect(await ledger.findEntry(entry.id)).toBeDefined();
      expect(await ledger.findWallet(CLIENT)).toMatchObject({ balance: 39_750, holds: {} });
      expect((await ledger.findWallet(FLOAT))?.balance).toBe(10_000);
      expect((await ledger.findWallet(FEES))?.balance).toBe(250);
      expect(reconcile(await ledger.allWallets(), await ledger.allEntries()).balanced).toBe(true);
    }

    it('finishes an entry whose poster died after the debit, before the journal entry', async () => {
      const { healthy, crashing } = await ledgers('insertEntry');

      await expect(crashing.post(aCashOut())).rejects.toThrow(Crash);
      expect((await healthy.findWallet(CLIENT))?.balance).toBe(39_750);
      expect(reconcile(await healthy.allWallets(), await healthy.allEntries()).balanced).toBe(false);

      expect(await healthy.post(aCashOut())).toMatchObject({ kind: 'duplicate' });
      await expectPostedOnce(healthy, aCashOut());
    });

    it('finishes an entry whose poster died between its credits', async () => {
      const { healthy, crashing } = await ledgers('insertHousePosting');

      await expect(crashing.post(aCashOut())).rejects.toThrow(Crash);

      await healthy.post(aCashOut());
      await healthy.post(aCashOut());
      await expectPostedOnce(healthy, aCashOut());
    });

    it('finishes it once when the resumed post races with a redelivered one', async () => {
      const { healthy, crashing } = await ledgers('insertEntry');
      await expect(crashing.post(aCashOut())).rejects.toThrow(Crash);

      await Promise.all(Array.from({ length: 6 }, () => healthy.post(aCashOut())));

      await expectPostedOnce(healthy, aCashOut());
    });
  });
}
