import { JournalEntry, Wallet } from './domain/ledger';

export const LEDGER_REPOSITORY = Symbol('LEDGER_REPOSITORY');

export type HoldOutcome = { kind: 'placed' | 'exists' } | { kind: 'insufficient'; available: number } | { kind: 'no-wallet' };

/** `refused`: the entry breaks a ledger rule (unbalanced, overdraft) and changed nothing. */
export type PostOutcome = { kind: 'posted' | 'duplicate' } | { kind: 'refused'; reason: string };

/**
 * Wallets and the journal. Every operation is atomic and idempotent by its id, so a
 * retried or concurrent call never moves money twice; customer wallets never go negative.
 */
export interface LedgerRepository {
  /** Creates the wallet if it does not exist; returns the stored wallet either way. */
  ensureWallet(wallet: Omit<Wallet, 'balance' | 'holds'>): Promise<Wallet>;
  findWallet(walletId: string): Promise<Wallet | undefined>;
  walletsOf(filter: { ownerUserId: string } | { ownerPhone: string }): Promise<Wallet[]>;
  /** Sets `amount` aside on the wallet iff its available balance covers it. */
  placeHold(walletId: string, holdId: string, amount: number): Promise<HoldOutcome>;
  /** Voids a hold; a hold already voided or captured is a no-op. */
  releaseHold(walletId: string, holdId: string): Promise<void>;
  /**
   * Appends the entry and applies its postings, exactly once per entry id. Refuses an
   * unbalanced entry or one that would take a wallet that may not go negative below zero.
   */
  post(entry: JournalEntry): Promise<PostOutcome>;
  findEntry(entryId: string): Promise<JournalEntry | undefined>;
  allWallets(): Promise<Wallet[]>;
  allEntries(): Promise<JournalEntry[]>;
}
