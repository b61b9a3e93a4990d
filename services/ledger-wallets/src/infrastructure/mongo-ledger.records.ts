import { Connection, mongo } from 'mongoose';
import { isDuplicateKey, nativeCollection, syncIndexes } from '@cashout/platform/mongo';
import { JournalEntry } from '../domain/ledger';
import { HousePosting, LedgerRecords, WalletRecord } from './ledger-records.port';

type WalletDocument = Omit<WalletRecord, 'id'> & { _id: string };
type EntryDocument = { _id: string; entry: JournalEntry };
type HousePostingDocument = HousePosting & { _id: string };

const WALLETS = 'wallets';
const JOURNAL = 'journal';
const HOUSE_POSTINGS = 'house_postings';

async function insertOnce<T extends { _id: string }>(collection: mongo.Collection<T>, document: T): Promise<'inserted' | 'exists'> {
  try {
    await collection.insertOne(document as mongo.OptionalUnlessRequiredId<T>);
    return 'inserted';
  } catch (error) {
    if (isDuplicateKey(error)) return 'exists';
    throw error;
  }
}

function toWallet({ _id, ...wallet }: WalletDocument): WalletRecord {
  const record: WalletRecord = { id: _id, kind: wallet.kind, currency: wallet.currency, allowNegative: wallet.allowNegative };
  if (wallet.ownerUserId != null) record.ownerUserId = wallet.ownerUserId;
  if (wallet.ownerPhone != null) record.ownerPhone = wallet.ownerPhone;
  return record;
}

/** The ledger's insert-once records on MongoDB: one collection each, keyed by `_id`. */
export class MongoLedgerRecords implements LedgerRecords {
  private constructor(
    private readonly wallets: mongo.Collection<WalletDocument>,
    private readonly journal: mongo.Collection<EntryDocument>,
    private readonly housePostings: mongo.Collection<HousePostingDocument>,
  ) {}

  static async create(connection: Connection): Promise<MongoLedgerRecords> {
    await Promise.all([
      syncIndexes(connection, WALLETS, [{ fields: { ownerUserId: 1 } }, { fields: { ownerPhone: 1 } }]),
      syncIndexes(connection, JOURNAL, []),
      syncIndexes(connection, HOUSE_POSTINGS, [{ fields: { walletId: 1 } }]),
    ]);
    return new MongoLedgerRecords(
      nativeCollection<WalletDocument>(connection, WALLETS),
      nativeCollection<EntryDocument>(connection, JOURNAL),
      nativeCollection<HousePostingDocument>(connection, HOUSE_POSTINGS),
    );
  }

  insertWallet({ id, ...wallet }: WalletRecord): Promise<'inserted' | 'exists'> {
    return insertOnce(this.wallets, { _id: id, ...wallet });
  }

  async findWallet(walletId: string): Promise<WalletRecord | undefined> {
    const found = await this.wallets.findOne({ _id: walletId });
    return found ? toWallet(found) : undefined;
  }

  async walletsOf(filter: { ownerUserId: string } | { ownerPhone: string }): Promise<WalletRecord[]> {
    const query = 'ownerUserId' in filter ? { ownerUserId: filter.ownerUserId } : { ownerPhone: filter.ownerPhone };
    return (await this.wallets.find(query).sort({ _id: 1 }).toArray()).map(toWallet);
  }

  async allWallets(): Promise<WalletRecord[]> {
    return (await this.wallets.find({}).sort({ _id: 1 }).toArray()).map(toWallet);
  }

  insertEntry(entry: JournalEntry): Promise<'inserted' | 'exists'> {
    return insertOnce(this.journal, { _id: entry.id, entry });
  }

  async findEntry(entryId: string): Promise<JournalEntry | undefined> {
    return (await this.journal.findOne({ _id: entryId }))?.entry;
  }

  async allEntries(): Promise<JournalEntry[]> {
    return (await this.journal.find({}).sort({ _id: 1 }).toArray()).map((document) => document.entry);
  }

  insertHousePosting(posting: HousePosting): Promise<'inserted' | 'exists'> {
    return insertOnce(this.housePostings, { _id: `${posting.walletId}|${posting.entryId}`, ...posting });
  }

  async houseBalance(walletId: string): Promise<number> {
    const postings = await this.housePostings.find({ walletId }, { projection: { amount: 1 } }).toArray();
    return postings.reduce((sum, posting) => sum + posting.amount, 0);
  }

  async allHousePostings(): Promise<HousePosting[]> {
    return (await this.housePostings.find({}).toArray()).map(({ walletId, entryId, amount, currency, at }) => ({ walletId, entryId, amount, currency, at }));
  }
}
