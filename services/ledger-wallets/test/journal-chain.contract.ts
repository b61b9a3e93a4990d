import { StreamStore } from '@cashout/platform';
import { auditJournal, ChainBreak, JournalAudit } from '../src/domain/journal-audit';
import { commissionEntry, JournalEntry, reconcile } from '../src/domain/ledger';
import { WalletState } from '../src/domain/wallet-stream';
import { LedgerRecords } from '../src/infrastructure/ledger-records.port';
import { StreamLedgerRepository } from '../src/infrastructure/stream-ledger.repository';
import { aCashOut, anEntry, AT, CLIENT, COMMISSION, FEES, FLOAT, FUNDING, posting, XOF } from './support/ledger-fixtures';
import { LedgerTamper } from './support/ledger-tamper';

export interface TamperableLedgerStores {
  streams: StreamStore<WalletState>;
  records: LedgerRecords;
  tamper: LedgerTamper;
  close: () => Promise<void>;
}

const CASH_OUT = 'cashout-intent-1';
const COMMISSION_ENTRY = 'commission-intent-1';

/** The client's lines: 1 opening credit, 2 the hold, 3 the cash-out's debit. FLOAT: 1 the cash-out's credit. */
const CLIENT_DEBIT_LINE = 3;

async function audit(ledger: StreamLedgerRepository): Promise<JournalAudit> {
  return auditJournal(await ledger.journalEvidence(), await ledger.allEntries());
}

const problemsOf = (report: JournalAudit): ChainBreak[] => report.broken;

/**
 * The tamper-evident journal on each adapter: postings as the platform makes them (also
 * concurrent, retried and crashed half-way) keep every chain intact, and an edit or a
 * deletion made directly in the storage is reported with the entry or line it touched.
 */
export function describeJournalChainContract(name: string, makeStores: () => Promise<TamperableLedgerStores>): void {
  describe(`${name} (tamper-evident journal)`, () => {
    const opened: TamperableLedgerStores[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((stores) => stores.close()));
    });

    async function aLedger(): Promise<{ ledger: StreamLedgerRepository; tamper: LedgerTamper }> {
      const stores = await makeStores();
      opened.push(stores);
      const ledger = new StreamLedgerRepository(stores.streams, stores.records, async () => []);
      await ledger.openWallet({ id: FUNDING, kind: 'SYSTEM', currency: XOF, allowNegative: true });
      await ledger.openWallet({ id: FEES, kind: 'SYSTEM', currency: XOF, allowNegative: false });
      await ledger.openWallet({ id: CLIENT, kind: 'MAIN', currency: XOF, allowNegative: false });
      await ledger.openWallet({ id: FLOAT, kind: 'FLOAT', currency: XOF, allowNegative: false });
      await ledger.openWallet({ id: COMMISSION, kind: 'COMMISSION', currency: XOF, allowNegative: false });
      return { ledger, tamper: stores.tamper };
    }

    /** An opening, a held cash-out and its commission: the shape of every platform posting. */
    async function aPostedCashOut(): Promise<{ ledger: StreamLedgerRepository; tamper: LedgerTamper }> {
      const under = await aLedger();
      await under.ledger.post(anEntry(`opening-${CLIENT}`, [posting(FUNDING, -50_000), posting(CLIENT, 50_000)]));
      await under.ledger.placeHold(CLIENT, 'hold-cashout-intent-1', 10_250);
      await under.ledger.post(aCashOut());
      const commission = commissionEntry({
        intentId: 'intent-1',
        feesWalletId: FEES,
        agentCommissionWalletId: COMMISSION,
        commission: 100,
        currency: XOF,
        at: AT,
      });
      await under.ledger.post(commission as JournalEntry);
      return under;
    }

    it('verifies every chain after openings, a held cash-out and its commission', async () => {
      const { ledger } = await aPostedCashOut();

      expect(await audit(ledger)).toEqual({ streams: 3, lines: 5, entries: 3, legacy: { lines: 0, entries: 0 }, broken: [], brokenCount: 0 });
    });

    it('keeps one chain per wallet when many entries move one wallet at once, and when one entry is posted many times at once', async () => {
      const { ledger } = await aLedger();

      await Promise.all([
        ...Array.from({ length: 20 }, (_, index) => ledger.post(anEntry(`credit-${index}`, [posting(FUNDING, -110), posting(FLOAT, 100), posting(FEES, 10)]))),
        ...Array.from({ length: 8 }, () => ledger.post(anEntry('credit-once', [posting(FUNDING, -50), posting(FLOAT, 50)]))),
      ]);

      const report = await audit(ledger);
      expect(report.broken).toEqual([]);
      expect(report).toMatchObject({ lines: 21, entries: 21 });
    });

    it("verifies a posting finished by a retry that carries another createdAt (the entry stored is the retry's)", async () => {
      const stores = await makeStores();
      opened.push(stores);
      let failEntryInsert = true;
      const flaky: LedgerRecords = Object.assign(Object.create(stores.records) as LedgerRecords, {
        insertEntry: (entry: JournalEntry) => {
          if (!failEntryInsert) return stores.records.insertEntry(entry);
          failEntryInsert = false;
          return Promise.reject(new Error('crash between the debit and the entry'));
        },
      });
      const crashing = new StreamLedgerRepository(stores.streams, flaky, async () => []);
      const ledger = new StreamLedgerRepository(stores.streams, stores.records, async () => []);
      await ledger.openWallet({ id: FUNDING, kind: 'SYSTEM', currency: XOF, allowNegative: true });
      await ledger.openWallet({ id: FEES, kind: 'SYSTEM', currency: XOF, allowNegative: false });
      await ledger.openWallet({ id: CLIENT, kind: 'MAIN', currency: XOF, allowNegative: false });
      await ledger.openWallet({ id: FLOAT, kind: 'FLOAT', currency: XOF, allowNegative: false });
      await ledger.post(anEntry(`opening-${CLIENT}`, [posting(FUNDING, -50_000), posting(CLIENT, 50_000)]));

      await expect(crashing.post(aCashOut())).rejects.toThrow('crash');
      expect((await audit(ledger)).broken).toEqual([{ problem: 'missing', stream: CLIENT, sequence: 2, entryId: CASH_OUT }]);
      await ledger.post({ ...aCashOut(), createdAt: '2026-01-15T10:05:00.000Z' });

      expect((await audit(ledger)).broken).toEqual([]);
    });

    it('reports an entry whose amounts were edited in the journal, by its id', async () => {
      const { ledger, tamper } = await aPostedCashOut();

      await tamper.editEntry(CASH_OUT, (entry) => ({
        ...entry,
        postings: entry.postings.map((leg) =>
          leg.walletId === FLOAT ? { ...leg, amount: 11_000 } : leg.walletId === CLIENT ? { ...leg, amount: -11_250 } : leg,
        ),
      }));

      const report = await audit(ledger);
      expect(report.brokenCount).toBeGreaterThan(0);
      expect(problemsOf(report)).toContainEqual({ problem: 'edited', stream: CLIENT, sequence: CLIENT_DEBIT_LINE, entryId: CASH_OUT });
      expect(problemsOf(report)).toContainEqual({ problem: 'edited', stream: FLOAT, sequence: 1, entryId: CASH_OUT });
      expect(problemsOf(report).every((found) => found.entryId === CASH_OUT)).toBe(true);
    });

    it('reports an entry deleted from the journal, by its id', async () => {
      const { ledger, tamper } = await aPostedCashOut();

      await tamper.deleteEntry(CASH_OUT);

      const report = await audit(ledger);
      expect(problemsOf(report)).toContainEqual({ problem: 'missing', stream: CLIENT, sequence: CLIENT_DEBIT_LINE, entryId: CASH_OUT });
      expect(problemsOf(report)).toContainEqual({ problem: 'missing', stream: FEES, entryId: CASH_OUT });
    });

    it('reports a wallet line whose amount was edited, with its entry id', async () => {
      const { ledger, tamper } = await aPostedCashOut();

      await tamper.editWalletLine(FLOAT, 1, (state) => ({
        ...state,
        balance: 100_000,
        effect: state.effect.type === 'POSTED' ? { ...state.effect, movement: 100_000 } : state.effect,
      }));

      const report = await audit(ledger);
      expect(problemsOf(report)).toContainEqual({ problem: 'edited', stream: FLOAT, sequence: 1, entryId: CASH_OUT });
      expect(report.entries).toBe(3);
    });

    it('reports a wallet line deleted from the middle of its stream, and the entry it applied', async () => {
      const { ledger, tamper } = await aPostedCashOut();

      await tamper.deleteWalletLine(CLIENT, 1);

      const report = await audit(ledger);
      expect(problemsOf(report)).toContainEqual({ problem: 'missing', stream: CLIENT, sequence: 1 });
      expect(problemsOf(report)).toContainEqual({ problem: 'missing', stream: CLIENT, entryId: `opening-${CLIENT}` });
    });

    it('reports a leg on a house wallet whose amount was edited', async () => {
      const { ledger, tamper } = await aPostedCashOut();

      await tamper.editHouseLeg(FEES, CASH_OUT, 2_500);

      expect(problemsOf(await audit(ledger))).toEqual([{ problem: 'edited', stream: FEES, entryId: CASH_OUT }]);
      expect(reconcile(await ledger.allWallets(), await ledger.allEntries()).balanced).toBe(false);
    });

    it('reports the commission entry when it is the one edited, not the cash-out', async () => {
      const { ledger, tamper } = await aPostedCashOut();

      await tamper.editEntry(COMMISSION_ENTRY, (entry) => ({ ...entry, intentId: 'intent-2' }));

      const report = await audit(ledger);
      expect(problemsOf(report)).toEqual([{ problem: 'edited', stream: COMMISSION, sequence: 1, entryId: COMMISSION_ENTRY }]);
    });
  });
}
