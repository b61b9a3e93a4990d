import { frozenCopy } from '@cashout/platform';
import { JournalEntry } from '../domain/ledger';
import { HousePosting, LedgerRecords, WalletRecord } from './ledger-records.port';

/**
 * The in-memory twin of the ledger's insert-once records. Never changed once written, they
 * are stored frozen and handed out as they are; wallets are indexed by owner (the reads of
 * GET /wallets).
 */
export class InMemoryLedgerRecords implements LedgerRecords {
  private readonly wallets = new Map<string, WalletRecord>();
  private readonly walletsByOwnerUserId = new Map<string, WalletRecord[]>();
  private readonly walletsByOwnerPhone = new Map<string, WalletRecord[]>();
  private readonly entries = new Map<string, JournalEntry>();
  private readonly housePostings = new Map<string, HousePosting>();
  private readonly houseTotals = new Map<string, number>();

  async insertWallet(wallet: WalletRecord): Promise<'inserted' | 'exists'> {
    if (this.wallets.has(wallet.id)) return 'exists';
    const stored = frozenCopy(wallet);
    this.wallets.set(stored.id, stored);
    if (stored.ownerUserId !== undefined) indexUnder(this.walletsByOwnerUserId, stored.ownerUserId, stored);
    if (stored.ownerPhone !== undefined) indexUnder(this.walletsByOwnerPhone, stored.ownerPhone, stored);
    return 'inserted';
  }

  async findWallet(walletId: string): Promise<WalletRecord | undefined> {
    return this.wallets.get(walletId);
  }

  async walletsOf(filter: { ownerUserId: string } | { ownerPhone: string }): Promise<WalletRecord[]> {
    const owned = 'ownerUserId' in filter ? this.walletsByOwnerUserId.get(filter.ownerUserId) : this.walletsByOwnerPhone.get(filter.ownerPhone);
    return [...(owned ?? [])];
  }

  async allWallets(): Promise<WalletRecord[]> {
    return [...this.wallets.values()];
  }

  async insertEntry(entry: JournalEntry): Promise<'inserted' | 'exists'> {
    if (this.entries.has(entry.id)) return 'exists';
    this.entries.set(entry.id, frozenCopy(entry));
    return 'inserted';
  }

  async findEntry(entryId: string): Promise<JournalEntry | undefined> {
    return this.entries.get(entryId);
  }

  async allEntries(): Promise<JournalEntry[]> {
    return [...this.entries.values()];
  }

  async insertHousePosting(posting: HousePosting): Promise<'inserted' | 'exists'> {
    const key = `${posting.walletId}|${posting.entryId}`;
    if (this.housePostings.has(key)) return 'exists';
    this.housePostings.set(key, frozenCopy(posting));
    this.houseTotals.set(posting.walletId, (this.houseTotals.get(posting.walletId) ?? 0) + posting.amount);
    return 'inserted';
  }

  async houseBalance(walletId: string): Promise<number> {
    return this.houseTotals.get(walletId) ?? 0;
  }

  async allHousePostings(): Promise<HousePosting[]> {
    return [...this.housePostings.values()];
  }
}

function indexUnder(index: Map<string, WalletRecord[]>, owner: string, wallet: WalletRecord): void {
  const wallets = index.get(owner);
  if (wallets) wallets.push(wallet);
  else index.set(owner, [wallet]);
}
