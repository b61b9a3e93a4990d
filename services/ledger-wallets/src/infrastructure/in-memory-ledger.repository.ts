import { available, entryProblems, JournalEntry, netByWallet, Wallet } from '../domain/ledger';
import { HoldOutcome, LedgerRepository, PostOutcome } from '../ledger.repository.port';

const copy = <T>(value: T): T => structuredClone(value);

/**
 * The in-memory ledger. Each method runs to completion without awaiting in between, so it
 * is atomic on Node's single thread, like one document write in the database adapter.
 */
export class InMemoryLedgerRepository implements LedgerRepository {
  private readonly wallets = new Map<string, Wallet>();
  private readonly entries = new Map<string, JournalEntry>();

  async ensureWallet(wallet: Omit<Wallet, 'balance' | 'holds'>): Promise<Wallet> {
    const existing = this.wallets.get(wallet.id);
    if (existing) return copy(existing);
    const created: Wallet = { ...wallet, balance: 0, holds: {} };
    this.wallets.set(wallet.id, created);
    return copy(created);
  }

  async findWallet(walletId: string): Promise<Wallet | undefined> {
    const wallet = this.wallets.get(walletId);
    return wallet ? copy(wallet) : undefined;
  }

  async walletsOf(filter: { ownerUserId: string } | { ownerPhone: string }): Promise<Wallet[]> {
    return [...this.wallets.values()]
      .filter((wallet) =>
        'ownerUserId' in filter ? wallet.ownerUserId === filter.ownerUserId : wallet.ownerPhone === filter.ownerPhone,
      )
      .map(copy);
  }

  async placeHold(walletId: string, holdId: string, amount: number): Promise<HoldOutcome> {
    if (!Number.isSafeInteger(amount) || amount <= 0) throw new RangeError(`hold ${holdId}: amount must be a positive integer`);
    const wallet = this.wallets.get(walletId);
    if (!wallet) return { kind: 'no-wallet' };
    if (wallet.holds[holdId] !== undefined) return { kind: 'exists' };
    const free = available(wallet);
    if (!wallet.allowNegative && free < amount) return { kind: 'insufficient', available: free };
    wallet.holds[holdId] = amount;
    return { kind: 'placed' };
  }

  async releaseHold(walletId: string, holdId: string): Promise<void> {
    const wallet = this.wallets.get(walletId);
    if (wallet) delete wallet.holds[holdId];
  }

  async post(entry: JournalEntry): Promise<PostOutcome> {
    if (this.entries.has(entry.id)) return { kind: 'duplicate' };
    const problems = entryProblems(entry);
    if (problems.length > 0) return { kind: 'refused', reason: problems.join('; ') };
    // Check the entry's net effect on every wallet before applying any of it, so a refused
    // entry changes nothing and two debits of one wallet cannot slip past the check.
    const net = netByWallet(entry);
    for (const [walletId, movement] of net) {
      const wallet = this.wallets.get(walletId);
      if (!wallet) return { kind: 'refused', reason: `wallet ${walletId} does not exist` };
      if (wallet.currency !== movement.currency || Number.isNaN(movement.amount)) {
        return { kind: 'refused', reason: `currency mismatch on ${walletId}` };
      }
      const freed = entry.capturesHoldId ? (wallet.holds[entry.capturesHoldId] ?? 0) : 0;
      if (!wallet.allowNegative && available(wallet) + freed + movement.amount < 0) {
        return { kind: 'refused', reason: `wallet ${walletId} would go negative` };
      }
    }
    for (const [walletId, movement] of net) {
      const wallet = this.wallets.get(walletId) as Wallet;
      wallet.balance += movement.amount;
      if (entry.capturesHoldId) delete wallet.holds[entry.capturesHoldId];
    }
    this.entries.set(entry.id, copy(entry));
    return { kind: 'posted' };
  }

  async findEntry(entryId: string): Promise<JournalEntry | undefined> {
    const entry = this.entries.get(entryId);
    return entry ? copy(entry) : undefined;
  }

  async allWallets(): Promise<Wallet[]> {
    return [...this.wallets.values()].map(copy);
  }

  async allEntries(): Promise<JournalEntry[]> {
    return [...this.entries.values()].map(copy);
  }
}
