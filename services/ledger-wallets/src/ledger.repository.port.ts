import { JournalEvidence } from './domain/journal-audit';
import { JournalEntry, Wallet } from './domain/ledger';
import { WalletHold } from './domain/wallet-stream';

export const LEDGER_REPOSITORY = Symbol('LEDGER_REPOSITORY');

/**
 * `exists`: this hold id is placed and still held. `released`: this hold id was placed, or
 * voided by a release that came first, and no longer holds anything; it cannot be placed again.
 */
export type HoldOutcome = { kind: 'placed' | 'exists' | 'released' } | { kind: 'insufficient'; available: number } | { kind: 'no-wallet' };

/**
 * `refused`: the entry breaks a ledger rule (unbalanced, overdraft) and moved no money.
 * `debitedBalance`: the balance of the wallet the entry debits (one that may not go
 * negative), right after this entry's debit.
 */
export type PostOutcome = { kind: 'posted' | 'duplicate'; debitedBalance?: number } | { kind: 'refused'; reason: string };

export interface HeldFunds {
  walletId: string;
  hold: WalletHold;
}

/**
 * Wallets and the journal. Every operation is idempotent by its id, so a retried,
 * redelivered or concurrent call never moves money twice; customer wallets never go negative.
 */
export interface LedgerRepository {
  /** Creates the wallet if it does not exist; one already there keeps its balance and holds. */
  openWallet(wallet: Omit<Wallet, 'balance' | 'holds'>): Promise<void>;
  findWallet(walletId: string): Promise<Wallet | undefined>;
  walletsOf(filter: { ownerUserId: string } | { ownerPhone: string }): Promise<Wallet[]>;
  /** Sets `amount` aside on the wallet iff its available balance covers it; `at` dates the hold. */
  placeHold(walletId: string, holdId: string, amount: number, intentId?: string, at?: Date): Promise<HoldOutcome>;
  /** Voids a hold; a hold already released or captured is a no-op; a hold not placed yet never will be. */
  releaseHold(walletId: string, holdId: string): Promise<void>;
  /**
   * Applies the entry's postings exactly once per entry id. Refuses an unbalanced entry, one
   * that debits more than one wallet that may not go negative, and one that would take such
   * a wallet below zero; a refusal for funds is recorded and final for that entry id.
   */
  post(entry: JournalEntry): Promise<PostOutcome>;
  findEntry(entryId: string): Promise<JournalEntry | undefined>;
  allWallets(): Promise<Wallet[]>;
  allEntries(): Promise<JournalEntry[]>;
  /** Holds currently set aside (from the wallets' head caches: a sweep re-checks each). */
  heldFunds(): Promise<HeldFunds[]>;
  /** Every wallet stream's lines with their hash chain, and the house legs: for reconciliation's audit. */
  journalEvidence(): Promise<JournalEvidence>;
}
