import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection, mongo } from 'mongoose';
import { entryProblems, JournalEntry, LedgerWalletKind, netByWallet, Wallet } from '../domain/ledger';
import { HoldOutcome, LedgerRepository, PostOutcome } from '../ledger.repository.port';
import { DocumentLocks, fieldKey, fromFieldKey, isDuplicateKey, nativeCollection, syncIndexes } from '@cashout/platform';

/** What an entry did to one wallet, kept on the wallet in the same write that did it. */
interface AppliedMarker {
  movement: number;
  /** The captured hold's amount, so an undo can put the hold back exactly. */
  freed: number;
}

interface WalletRecord {
  _id: string;
  kind: LedgerWalletKind;
  currency: string;
  ownerUserId?: string;
  ownerPhone?: string;
  allowNegative: boolean;
  balance: number;
  /** Sum of `holds`, and balance − held: stored so one filter can check the funds. */
  held: number;
  available: number;
  /** Amount by hold id (encoded with fieldKey). */
  holds: Record<string, number>;
  /** Entries applied to this wallet whose journal entry is not marked applied yet. */
  applied: Record<string, AppliedMarker>;
}

interface JournalRecord {
  _id: string;
  entry: JournalEntry;
  state: 'pending' | 'applied';
  /** The poster currently applying a pending entry, and until when it may (epoch ms). */
  claim?: string;
  claimedUntil?: number;
}

export interface MongoLedgerOptions {
  /** How long a poster owns a pending entry before another may take it over. */
  claimLeaseMs?: number;
  /** How long a poster waits for a concurrent poster of the same entry to finish. */
  claimWaitMs?: number;
}

const WALLETS = 'wallets';
const JOURNAL = 'journal';
const MAX_ATTEMPTS = 20;

type Claim = { kind: 'claimed'; token: string; entry: JournalEntry } | { kind: 'duplicate' };

/**
 * The ledger on MongoDB with single-document atomic writes only (no transactions).
 *
 * Holds: one conditional update of the wallet (`available >= amount`, hold id absent) moves
 * the funds from `available` to `held`, so concurrent holds never exceed the balance.
 *
 * Posting an entry exactly once spans several documents (the journal entry and each wallet
 * it moves), so it is made of idempotent single-document steps:
 *  1. claim: insert the journal entry as `pending` with a claim token (its _id is the entry
 *     id, unique). A duplicate insert finds it `applied` (→ 'duplicate'), `pending` under a
 *     live claim (→ wait for that poster), or `pending` under an expired claim (its poster
 *     crashed: take the claim over with a conditional update and finish its work).
 *  2. apply, debits first: one conditional update per wallet that moves the net amount,
 *     captures the named hold, and pushes a marker {entry, movement, freed}; its filter
 *     requires the marker to be absent and, for a wallet that may not go negative, the
 *     funds to be there. The marker is what makes a re-run skip a wallet already moved.
 *  3. mark the entry `applied` (conditional on still holding the claim).
 * A debit can fail (insufficient funds); credits cannot. On a failed debit the wallets
 * already moved by this entry (earlier debits of the same entry) are undone by their
 * markers, hold included, and the pending entry is deleted: a refused entry leaves no trace
 * and its id may be posted again later, like the in-memory twin.
 *
 * Recovery: a crash at any point leaves the entry `pending` with some wallets marked. The
 * saga retries PROCESSING intents and re-posts the same entry; once the claim lease has
 * expired that post takes the claim over and resumes at step 2, where the markers skip the
 * wallets already moved. After step 3 the markers are removed (step 4): from then on every
 * poster stops at the journal, so wallets carry only the markers of entries in flight.
 * The one assumption: a poster does not stall past its lease (30 s) in the middle of step 2
 * while another takes over AND finishes; reconciliation (balances vs applied entries)
 * would show such a double move.
 *
 * Every wallet write goes through `locks` (see DocumentLocks): FerretDB 1.x does not
 * apply filtered updates atomically; MongoDB does.
 */
export class MongoLedgerRepository implements LedgerRepository {
  private readonly claimLeaseMs: number;
  private readonly claimWaitMs: number;
  private readonly locks = new DocumentLocks();

  private constructor(
    private readonly wallets: mongo.Collection<WalletRecord>,
    private readonly journal: mongo.Collection<JournalRecord>,
    options: MongoLedgerOptions,
  ) {
    this.claimLeaseMs = options.claimLeaseMs ?? 30_000;
    this.claimWaitMs = options.claimWaitMs ?? 2 * this.claimLeaseMs;
  }

  static async create(connection: Connection, options: MongoLedgerOptions = {}): Promise<MongoLedgerRepository> {
    await syncIndexes(connection, WALLETS, [{ fields: { ownerUserId: 1 } }, { fields: { ownerPhone: 1 } }]);
    await syncIndexes(connection, JOURNAL, [{ fields: { state: 1 } }]);
    return new MongoLedgerRepository(
      nativeCollection<WalletRecord>(connection, WALLETS),
      nativeCollection<JournalRecord>(connection, JOURNAL),
      options,
    );
  }

  async ensureWallet(wallet: Omit<Wallet, 'balance' | 'holds'>): Promise<Wallet> {
    try {
      await this.wallets.insertOne({
        _id: wallet.id,
        kind: wallet.kind,
        currency: wallet.currency,
        ownerUserId: wallet.ownerUserId,
        ownerPhone: wallet.ownerPhone,
        allowNegative: wallet.allowNegative,
        balance: 0,
        held: 0,
        available: 0,
        holds: {},
        applied: {},
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const stored = await this.wallets.findOne({ _id: wallet.id });
    if (!stored) throw new Error(`wallet ${wallet.id} vanished after ensureWallet`);
    return toWallet(stored);
  }

  async findWallet(walletId: string): Promise<Wallet | undefined> {
    const stored = await this.wallets.findOne({ _id: walletId });
    return stored ? toWallet(stored) : undefined;
  }

  async walletsOf(filter: { ownerUserId: string } | { ownerPhone: string }): Promise<Wallet[]> {
    const query = 'ownerUserId' in filter ? { ownerUserId: filter.ownerUserId } : { ownerPhone: filter.ownerPhone };
    return (await this.wallets.find(query).sort({ _id: 1 }).toArray()).map(toWallet);
  }

  async placeHold(walletId: string, holdId: string, amount: number): Promise<HoldOutcome> {
    if (!Number.isSafeInteger(amount) || amount <= 0) throw new RangeError(`hold ${holdId}: amount must be a positive integer`);
    const key = `holds.${fieldKey(holdId)}`;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const wallet = await this.wallets.findOne({ _id: walletId });
      if (!wallet) return { kind: 'no-wallet' };
      if (wallet.holds[fieldKey(holdId)] !== undefined) return { kind: 'exists' };
      if (!wallet.allowNegative && wallet.available < amount) return { kind: 'insufficient', available: wallet.available };
      // The filter re-checks atomically what the read saw; a miss means a concurrent write.
      const filter: mongo.Filter<WalletRecord> = { _id: walletId, [key]: { $exists: false } };
      if (!wallet.allowNegative) filter.available = { $gte: amount };
      const result = await this.locks.run(walletId, () =>
        this.wallets.updateOne(filter, { $set: { [key]: amount }, $inc: { held: amount, available: -amount } }),
      );
      if (result.modifiedCount === 1) return { kind: 'placed' };
    }
    throw new Error(`hold ${holdId} on ${walletId}: concurrent writes kept winning`);
  }

  async releaseHold(walletId: string, holdId: string): Promise<void> {
    const key = `holds.${fieldKey(holdId)}`;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const wallet = await this.wallets.findOne({ _id: walletId });
      const amount = wallet?.holds[fieldKey(holdId)];
      if (amount === undefined) return;
      // Matching the amount too: a hold released and placed again meanwhile is another hold.
      const result = await this.locks.run(walletId, () =>
        this.wallets.updateOne({ _id: walletId, [key]: amount }, { $unset: { [key]: '' }, $inc: { held: -amount, available: amount } }),
      );
      if (result.modifiedCount === 1) return;
    }
    throw new Error(`release of hold ${holdId} on ${walletId}: concurrent writes kept winning`);
  }

  async post(entry: JournalEntry): Promise<PostOutcome> {
    const existing = await this.journal.findOne({ _id: entry.id });
    if (existing?.state === 'applied') return { kind: 'duplicate' };
    const problems = entryProblems(entry);
    if (problems.length > 0) return { kind: 'refused', reason: problems.join('; ') };
    // Existence and currency never change once a wallet exists: checking them up front
    // refuses such an entry before anything is written.
    for (const [walletId, movement] of netByWallet(entry)) {
      const wallet = await this.wallets.findOne({ _id: walletId }, { projection: { currency: 1 } });
      if (!wallet) return { kind: 'refused', reason: `wallet ${walletId} does not exist` };
      if (wallet.currency !== movement.currency || Number.isNaN(movement.amount)) {
        return { kind: 'refused', reason: `currency mismatch on ${walletId}` };
      }
    }

    const claim = await this.claim(entry);
    if (claim.kind === 'duplicate') return claim;
    const claimed = claim.entry;
    // Debits first (in posting order, so a refusal names the same wallet as the in-memory
    // twin): they are the only movements that can fail, so a refusal is found before any
    // credit is written.
    const movements = [...netByWallet(claimed)].sort((a, b) => Number(a[1].amount >= 0) - Number(b[1].amount >= 0));
    for (const [walletId, movement] of movements) {
      const applied = await this.applyToWallet(claimed, walletId, movement.amount);
      if (applied === 'insufficient') {
        await this.undo(claimed, movements.map(([id]) => id));
        await this.journal.deleteOne({ _id: claimed.id, state: 'pending', claim: claim.token });
        return { kind: 'refused', reason: `wallet ${walletId} would go negative` };
      }
    }
    const marked = await this.journal.updateOne(
      { _id: claimed.id, state: 'pending', claim: claim.token },
      { $set: { state: 'applied' }, $unset: { claim: '', claimedUntil: '' } },
    );
    if (marked.modifiedCount === 1) {
      await this.forgetMarkers(claimed, movements.map(([id]) => id));
      return { kind: 'posted' };
    }
    const stored = await this.journal.findOne({ _id: claimed.id });
    if (stored?.state === 'applied') return { kind: 'duplicate' };
    // Our lease ran out and another poster owns the entry now: let the caller retry later,
    // when that poster has finished (the markers keep the money moved once meanwhile).
    throw new Error(`journal entry ${claimed.id}: claim lost while posting; retry`);
  }

  async findEntry(entryId: string): Promise<JournalEntry | undefined> {
    const stored = await this.journal.findOne({ _id: entryId, state: 'applied' });
    return stored?.entry;
  }

  async allWallets(): Promise<Wallet[]> {
    return (await this.wallets.find({}).sort({ _id: 1 }).toArray()).map(toWallet);
  }

  async allEntries(): Promise<JournalEntry[]> {
    return (await this.journal.find({ state: 'applied' }).sort({ _id: 1 }).toArray()).map((record) => record.entry);
  }

  /** Step 1: owns the entry, or learns it was posted already. */
  private async claim(entry: JournalEntry): Promise<Claim> {
    const token = randomUUID();
    const giveUpAt = Date.now() + this.claimWaitMs;
    for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
      try {
        await this.journal.insertOne({ _id: entry.id, entry, state: 'pending', claim: token, claimedUntil: Date.now() + this.claimLeaseMs });
        return { kind: 'claimed', token, entry };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const stored = await this.journal.findOne({ _id: entry.id });
      if (!stored) continue; // refused and removed by a concurrent poster: try again
      if (stored.state === 'applied') return { kind: 'duplicate' };
      if ((stored.claimedUntil ?? 0) < Date.now()) {
        // Its poster crashed mid-way: take over and finish with the entry as first stored.
        const taken = await this.journal.updateOne(
          { _id: entry.id, state: 'pending', claim: stored.claim },
          { $set: { claim: token, claimedUntil: Date.now() + this.claimLeaseMs } },
        );
        if (taken.modifiedCount === 1) return { kind: 'claimed', token, entry: stored.entry };
        continue;
      }
      if (Date.now() > giveUpAt) throw new Error(`journal entry ${entry.id} is being posted by another writer; retry`);
      await sleep(wait);
    }
  }

  /** Step 2 for one wallet: moves it once, or tells that the funds are not there. */
  private async applyToWallet(entry: JournalEntry, walletId: string, movement: number): Promise<'applied' | 'insufficient'> {
    const markerKey = `applied.${fieldKey(entry.id)}`;
    const holdKey = entry.capturesHoldId ? `holds.${fieldKey(entry.capturesHoldId)}` : undefined;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const wallet = await this.wallets.findOne({ _id: walletId });
      if (!wallet) throw new Error(`wallet ${walletId} vanished while posting ${entry.id}`);
      if (wallet.applied[fieldKey(entry.id)] !== undefined) return 'applied';
      const hold = entry.capturesHoldId ? wallet.holds[fieldKey(entry.capturesHoldId)] : undefined;
      const freed = hold ?? 0;
      if (!wallet.allowNegative && wallet.available + freed + movement < 0) return 'insufficient';

      const filter: mongo.Filter<WalletRecord> = { _id: walletId, [markerKey]: { $exists: false } };
      if (!wallet.allowNegative && movement < 0) filter.available = { $gte: -movement - freed };
      if (holdKey) filter[holdKey] = hold === undefined ? { $exists: false } : hold;
      const marker: AppliedMarker = { movement, freed };
      const update: mongo.UpdateFilter<WalletRecord> = {
        $inc: { balance: movement, available: movement + freed, held: -freed },
        $set: { [markerKey]: marker },
      };
      if (holdKey && hold !== undefined) update.$unset = { [holdKey]: '' };
      const result = await this.locks.run(walletId, () => this.wallets.updateOne(filter, update));
      if (result.modifiedCount === 1) return 'applied';
    }
    throw new Error(`posting ${entry.id} to ${walletId}: concurrent writes kept winning`);
  }

  /** Reverses, by their markers, the wallets this entry moved (hold put back included). */
  private async undo(entry: JournalEntry, walletIds: string[]): Promise<void> {
    const markerKey = `applied.${fieldKey(entry.id)}`;
    for (const walletId of walletIds) {
      const wallet = await this.wallets.findOne({ _id: walletId });
      const marker = wallet?.applied[fieldKey(entry.id)];
      if (!marker) continue;
      const update: mongo.UpdateFilter<WalletRecord> = {
        $inc: { balance: -marker.movement, available: -(marker.movement + marker.freed), held: marker.freed },
        $unset: { [markerKey]: '' },
      };
      if (marker.freed > 0 && entry.capturesHoldId) update.$set = { [`holds.${fieldKey(entry.capturesHoldId)}`]: marker.freed };
      // Conditional on the marker: a concurrent undo of the same entry reverses it once.
      await this.locks.run(walletId, () => this.wallets.updateOne({ _id: walletId, [markerKey]: { $exists: true } }, update));
    }
  }

  /**
   * Once the journal says `applied`, no poster touches the wallets for this entry again
   * (they all stop at the journal), so the markers can go: a wallet keeps only the markers
   * of entries in flight. A crash before this leaves a harmless stale marker.
   */
  private async forgetMarkers(entry: JournalEntry, walletIds: string[]): Promise<void> {
    const markerKey = `applied.${fieldKey(entry.id)}`;
    for (const walletId of walletIds) {
      await this.locks.run(walletId, () => this.wallets.updateOne({ _id: walletId }, { $unset: { [markerKey]: '' } }));
    }
  }
}

function toWallet(record: WalletRecord): Wallet {
  const wallet: Wallet = {
    id: record._id,
    kind: record.kind,
    currency: record.currency,
    allowNegative: record.allowNegative,
    balance: record.balance,
    holds: Object.fromEntries(Object.entries(record.holds).map(([key, amount]) => [fromFieldKey(key), amount])),
  };
  if (record.ownerUserId !== undefined && record.ownerUserId !== null) wallet.ownerUserId = record.ownerUserId;
  if (record.ownerPhone !== undefined && record.ownerPhone !== null) wallet.ownerPhone = record.ownerPhone;
  return wallet;
}
