import type { Connection } from 'mongoose';
import { InMemoryStreamStore, lineKey, StreamLine } from '@cashout/platform';
import { JournalEntry } from '../../src/domain/ledger';
import { WalletState } from '../../src/domain/wallet-stream';
import { InMemoryLedgerRecords } from '../../src/infrastructure/in-memory-ledger.records';

/**
 * Someone with write access to the ledger's storage, going around the ledger: edits and
 * deletes stored records directly (the in-memory maps, or the MongoDB collections).
 */
export interface LedgerTamper {
  editEntry(entryId: string, edit: (entry: JournalEntry) => JournalEntry): Promise<void>;
  deleteEntry(entryId: string): Promise<void>;
  editWalletLine(walletId: string, seq: number, edit: (state: WalletState) => WalletState): Promise<void>;
  deleteWalletLine(walletId: string, seq: number): Promise<void>;
  editHouseLeg(walletId: string, entryId: string, amount: number): Promise<void>;
}

/** Reaches into the in-memory stores' private maps, as a debugger or a heap edit would. */
export function inMemoryTamper(streams: InMemoryStreamStore<WalletState>, records: InMemoryLedgerRecords): LedgerTamper {
  const linesOf = (walletId: string): StreamLine<WalletState>[] => streams['streams'].get(walletId) ?? [];
  const indexOf = (walletId: string, seq: number): number => {
    const index = linesOf(walletId).findIndex((line) => line.seq === seq);
    if (index < 0) throw new Error(`no line ${seq} of ${walletId} kept`);
    return index;
  };
  return {
    async editEntry(entryId, edit) {
      const entry = records['entries'].get(entryId);
      if (!entry) throw new Error(`no entry ${entryId}`);
      records['entries'].set(entryId, edit(structuredClone(entry)));
    },
    async deleteEntry(entryId) {
      records['entries'].delete(entryId);
    },
    async editWalletLine(walletId, seq, edit) {
      const lines = linesOf(walletId);
      const index = indexOf(walletId, seq);
      lines[index] = { ...lines[index], state: edit(structuredClone(lines[index].state)) };
    },
    async deleteWalletLine(walletId, seq) {
      linesOf(walletId).splice(indexOf(walletId, seq), 1);
    },
    async editHouseLeg(walletId, entryId, amount) {
      const key = `${walletId}|${entryId}`;
      const leg = records['housePostings'].get(key);
      if (!leg) throw new Error(`no leg ${key}`);
      records['housePostings'].set(key, { ...leg, amount });
      // The balance cache follows the legs, as a sum over the collection would.
      records['houseTotals'].set(walletId, (records['houseTotals'].get(walletId) ?? 0) - leg.amount + amount);
    },
  };
}

/** Edits the documents themselves, with the driver, as a database user would. */
export function mongoTamper(connection: Connection, walletLines: string): LedgerTamper {
  const db = connection.db;
  if (!db) throw new Error('the connection has no database');
  const journal = db.collection<{ _id: string; entry: JournalEntry }>('journal');
  const lines = db.collection<{ _id: string; state: WalletState }>(walletLines);
  const houseLegs = db.collection<{ _id: string; amount: number }>('house_postings');
  return {
    async editEntry(entryId, edit) {
      const document = await journal.findOne({ _id: entryId });
      if (!document) throw new Error(`no entry ${entryId}`);
      await journal.updateOne({ _id: entryId }, { $set: { entry: edit(document.entry) } });
    },
    async deleteEntry(entryId) {
      await journal.deleteOne({ _id: entryId });
    },
    async editWalletLine(walletId, seq, edit) {
      const document = await lines.findOne({ _id: lineKey(walletId, seq) });
      if (!document) throw new Error(`no line ${seq} of ${walletId}`);
      await lines.updateOne({ _id: document._id }, { $set: { state: edit(document.state) } });
    },
    async deleteWalletLine(walletId, seq) {
      await lines.deleteOne({ _id: lineKey(walletId, seq) });
    },
    async editHouseLeg(walletId, entryId, amount) {
      await houseLegs.updateOne({ _id: `${walletId}|${entryId}` }, { $set: { amount } });
    },
  };
}
