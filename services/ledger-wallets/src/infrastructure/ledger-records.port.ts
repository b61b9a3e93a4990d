import { HouseLeg } from '../domain/journal-audit';
import { JournalEntry, LedgerWalletKind } from '../domain/ledger';

/** What a wallet is, fixed when it is opened: its balance lives elsewhere (a stream, or house postings). */
export interface WalletRecord {
  id: string;
  kind: LedgerWalletKind;
  currency: string;
  ownerUserId?: string;
  ownerPhone?: string;
  allowNegative: boolean;
}

/** One leg of an entry on a house wallet: written once per (wallet, entry). */
export type HousePosting = HouseLeg;

/**
 * The ledger's insert-once records: wallet descriptions, journal entries and the legs on
 * house wallets. Every write is an insert with a unique key, the one write the test server
 * applies atomically; nothing here is ever updated.
 */
export interface LedgerRecords {
  insertWallet(wallet: WalletRecord): Promise<'inserted' | 'exists'>;
  findWallet(walletId: string): Promise<WalletRecord | undefined>;
  walletsOf(filter: { ownerUserId: string } | { ownerPhone: string }): Promise<WalletRecord[]>;
  allWallets(): Promise<WalletRecord[]>;
  insertEntry(entry: JournalEntry): Promise<'inserted' | 'exists'>;
  findEntry(entryId: string): Promise<JournalEntry | undefined>;
  allEntries(): Promise<JournalEntry[]>;
  insertHousePosting(posting: HousePosting): Promise<'inserted' | 'exists'>;
  /** The sum of a house wallet's postings: its balance. */
  houseBalance(walletId: string): Promise<number>;
  /** Every leg on every house wallet (reconciliation checks them against the journal). */
  allHousePostings(): Promise<HousePosting[]>;
}
