import { JournalEntry } from '../domain/ledger';
import { HousePosting, LedgerRecords, WalletRecord } from './ledger-records.port';

const copy = <T>(value: T): T => structuredClone(value);

/** The in-memory twin of the ledger's insert-once records. */
export class InMemoryLedgerRecords implements LedgerRecords {
  private readonly wallets = new Map<string, WalletRecord>();
  private readonly entries = new Map<string, JournalEntry>();
  private readonly housePostings = new Map<string, HousePosting>();
  private readonly houseTotals = new Map<string, number>();

  async insertWallet(wallet: WalletRecord): Promise<'inserted' | 'exists'> {
    if (this.wallets.has(wallet.id)) return 'exists';
    this.wallets.set(wallet.id, copy(wallet));
    return 'inserted';
  }

  async findWallet(walletId: string): Promise<WalletRecord | undefined> {
    const found = this.wallets.get(walletId);
    return found ? copy(found) : undefined;
  }

  async walletsOf(filter: { ownerUserId: string } | { ownerPhone: string }): Promise<WalletRecord[]> {
    return [...this.wallets.values()]
      .filter((wallet) => ('ownerUserId' in filter ? wallet.ownerUserId === filter.ownerUserId : wallet.ownerPhone === filter.ownerPhone))
      .map(copy);
  }

  async allWallets(): Promise<WalletRecord[]> {
    return [...this.wallets.values()].map(copy);
  }

  async insertEntry(entry: JournalEntry): Promise<'inserted' | 'exists'> {
    if (this.entries.has(entry.id)) return 'exists';
    this.entries.set(entry.id, copy(entry));
    return 'inserted';
  }

  async findEntry(entryId: string): Promise<JournalEntry | undefined> {
    const found = this.entries.get(entryId);
    return found ? copy(found) : undefined;
  }

  async allEntries(): Promise<JournalEntry[]> {
    return [...this.entries.values()].map(copy);
  }

  async insertHousePosting(posting: HousePosting): Promise<'inserted' | 'exists'> {
    const key = `${posting.walletId}|${posting.entryId}`;
    if (this.housePostings.has(key)) return 'exists';
    this.housePostings.set(key, copy(posting));
    this.houseTotals.set(posting.walletId, (this.houseTotals.get(posting.walletId) ?? 0) + posting.amount);
    return 'inserted';
  }

  async houseBalance(walletId: string): Promise<number> {
    return this.houseTotals.get(walletId) ?? 0;
  }
}
