import { StreamLine, StreamStore, StreamWrite, writeStream } from '@cashout/platform';
import { JournalEvidence, WalletStreamEvidence } from '../domain/journal-audit';
import { chainStep, entryDigest } from '../domain/journal-chain';
import { entryProblems, JournalEntry, netByWallet, Wallet } from '../domain/ledger';
import { decidePlaceHold, decidePosting, decideReleaseHold, recordedPosting, WalletState, WalletStep } from '../domain/wallet-stream';
import { HeldFunds, HoldOutcome, LedgerRepository, PostOutcome } from '../ledger.repository.port';
import { LedgerRecords, WalletRecord } from './ledger-records.port';

const isHouse = (wallet: WalletRecord) => wallet.kind === 'SYSTEM';

/** Wallet streams read at once by journalEvidence. */
const EVIDENCE_READS = 16;

/** Customer wallets whose debits are checked against their funds, one movement at a time. */
const isGuarded = (wallet: WalletRecord) => !isHouse(wallet) && !wallet.allowNegative;

/**
 * The ledger as legs: an entry's postings are applied one wallet at a time, each leg
 * recorded once under the entry's id, and nothing relies on a multi-document transaction
 * or on a conditional update being atomic.
 *
 * - Customer wallets (MAIN, FLOAT, COMMISSION) are streams (see wallet-stream): a debit is
 *   checked against the balance the wallet had at the line it extends, and a concurrent
 *   movement makes one of the two writers decide again. So no interleaving of writers can
 *   take a wallet below zero or apply a leg twice.
 * - House wallets (fees, funding) take a leg as one insert keyed by (wallet, entry), with no
 *   sequence: every cash-out credits the fee wallet, and a sequence would serialise them all
 *   on one stream. Their balance is the sum of their legs. They are not checked per leg: the
 *   funding wallet may go negative (it issues e-money), and the fee wallet is only debited
 *   by a commission after the fee of the same cash-out is in (reconciliation flags a
 *   negative one).
 * - Order: the one guarded debit first (the only leg that can fail: a refusal is recorded on
 *   the wallet, so the entry id stays refused), then the journal entry, then the other legs,
 *   which cannot fail. A crash anywhere leaves a prefix; posting the same entry again
 *   finishes it, each leg once.
 * - Every customer wallet line is chained (see journal-chain): it carries the hash of its
 *   content and of the line it extends, hashed again on each attempt, so the line stored
 *   links to the line actually stored before it; a posting line also carries the entry's
 *   digest. A retried or concurrent post of the same entry finds its line (unique op) and
 *   writes none, so the chain never forks.
 */
export class StreamLedgerRepository implements LedgerRepository {
  constructor(
    private readonly streams: StreamStore<WalletState>,
    private readonly records: LedgerRecords,
    private readonly heldWallets: () => Promise<StreamLine<WalletState>[]>,
  ) {}

  async openWallet(wallet: Omit<Wallet, 'balance' | 'holds'>): Promise<void> {
    const { id, kind, currency, ownerUserId, ownerPhone, allowNegative } = wallet;
    await this.records.insertWallet({ id, kind, currency, allowNegative, ...(ownerUserId ? { ownerUserId } : {}), ...(ownerPhone ? { ownerPhone } : {}) });
  }

  async findWallet(walletId: string): Promise<Wallet | undefined> {
    const record = await this.records.findWallet(walletId);
    return record ? this.withBalance(record) : undefined;
  }

  async walletsOf(filter: { ownerUserId: string } | { ownerPhone: string }): Promise<Wallet[]> {
    return Promise.all((await this.records.walletsOf(filter)).map((record) => this.withBalance(record)));
  }

  async allWallets(): Promise<Wallet[]> {
    const wallets = await Promise.all((await this.records.allWallets()).map((record) => this.withBalance(record)));
    return wallets.sort((a, b) => a.id.localeCompare(b.id));
  }

  findEntry(entryId: string): Promise<JournalEntry | undefined> {
    return this.records.findEntry(entryId);
  }

  allEntries(): Promise<JournalEntry[]> {
    return this.records.allEntries();
  }

  async placeHold(walletId: string, holdId: string, amount: number, intentId?: string, at = new Date()): Promise<HoldOutcome> {
    if (!Number.isSafeInteger(amount) || amount <= 0) throw new RangeError(`hold ${holdId}: amount must be a positive integer`);
    const wallet = await this.records.findWallet(walletId);
    if (!wallet || isHouse(wallet)) return { kind: 'no-wallet' };
    const hold = { holdId, amount, placedAt: at.toISOString(), ...(intentId ? { intentId } : {}) };
    const written = await this.writeChained(walletId, (state) => decidePlaceHold(state, hold, wallet));
    if (written.kind !== 'duplicate') return written.result;
    const latest = await this.streams.latest(walletId);
    return latest?.state.holds.some((candidate) => candidate.holdId === holdId) ? { kind: 'exists' } : { kind: 'released' };
  }

  async releaseHold(walletId: string, holdId: string): Promise<void> {
    const wallet = await this.records.findWallet(walletId);
    if (!wallet || isHouse(wallet)) return;
    await this.writeChained(walletId, (state) => decideReleaseHold(state, holdId));
  }

  async post(entry: JournalEntry): Promise<PostOutcome> {
    const problems = entryProblems(entry);
    if (problems.length > 0) return { kind: 'refused', reason: problems.join('; ') };
    const legs: Array<{ wallet: WalletRecord; movement: number; currency: string }> = [];
    for (const [walletId, movement] of netByWallet(entry)) {
      const wallet = await this.records.findWallet(walletId);
      if (!wallet) return { kind: 'refused', reason: `wallet ${walletId} does not exist` };
      if (wallet.currency !== movement.currency || Number.isNaN(movement.amount)) {
        return { kind: 'refused', reason: `currency mismatch on ${walletId}` };
      }
      if (movement.amount !== 0) legs.push({ wallet, movement: movement.amount, currency: movement.currency });
    }
    const guarded = legs.filter((leg) => leg.movement < 0 && isGuarded(leg.wallet));
    if (guarded.length > 1) {
      return { kind: 'refused', reason: 'an entry may debit at most one wallet that must not go negative' };
    }

    let posted = false;
    let debitedBalance: number | undefined;
    const digest = entryDigest(entry);
    const [debit] = guarded;
    if (debit) {
      const outcome = await this.applyLeg(entry, digest, debit.wallet, debit.movement);
      if (outcome.kind === 'refused') return { kind: 'refused', reason: `wallet ${debit.wallet.id} would go negative` };
      posted = outcome.fresh;
      debitedBalance = outcome.balance;
    }
    const inserted = (await this.records.insertEntry(entry)) === 'inserted';
    if (!debit) posted = inserted;
    for (const leg of legs) {
      if (leg === debit) continue;
      if (isHouse(leg.wallet)) {
        await this.records.insertHousePosting({
          walletId: leg.wallet.id,
          entryId: entry.id,
          amount: leg.movement,
          currency: leg.currency,
          at: entry.createdAt,
        });
      } else {
        await this.applyLeg(entry, digest, leg.wallet, leg.movement);
      }
    }
    return { kind: posted ? 'posted' : 'duplicate', ...(debitedBalance === undefined ? {} : { debitedBalance }) };
  }

  async heldFunds(): Promise<HeldFunds[]> {
    return (await this.heldWallets()).flatMap((line) => line.state.holds.map((hold) => ({ walletId: line.stream, hold })));
  }

  /**
   * Every customer wallet line and its chain, with the journal and the house legs: what
   * reconciliation verifies. Lines are read per wallet, a few wallets at a time.
   */
  async journalEvidence(): Promise<JournalEvidence> {
    const wallets = await this.records.allWallets();
    const streams: WalletStreamEvidence[] = [];
    const customer = wallets.filter((wallet) => !isHouse(wallet));
    for (let start = 0; start < customer.length; start += EVIDENCE_READS) {
      const batch = customer.slice(start, start + EVIDENCE_READS);
      streams.push(...(await Promise.all(batch.map((wallet) => this.streamEvidence(wallet.id)))));
    }
    return {
      wallets: wallets.map(({ id, kind }) => ({ id, kind })),
      streams,
      housePostings: await this.records.allHousePostings(),
    };
  }

  private async streamEvidence(walletId: string): Promise<WalletStreamEvidence> {
    const [lines, head] = await Promise.all([this.streams.lines(walletId), this.streams.head(walletId)]);
    return { walletId, lines, ...(head ? { headSeq: head.seq } : {}) };
  }

  /**
   * writeStream with each line chained to the one it extends. The line's time is fixed for
   * the call, so the `at` hashed is the `at` stored, whichever attempt wins.
   */
  private writeChained<R>(walletId: string, decide: (state: WalletState | undefined) => WalletStep<R>, digest?: string): Promise<StreamWrite<WalletState, R>> {
    const at = new Date();
    const stamp = at.toISOString();
    return writeStream(
      this.streams,
      walletId,
      (current) => chainStep(walletId, current, decide(current?.state), stamp, digest),
      () => at,
    );
  }

  /** One leg on a customer wallet, once; `fresh` when this call wrote it. */
  private async applyLeg(
    entry: JournalEntry,
    digest: string,
    wallet: WalletRecord,
    movement: number,
  ): Promise<{ kind: 'posted' | 'refused'; fresh: boolean; balance: number }> {
    const posting = { entryId: entry.id, movement, capturesHoldId: entry.capturesHoldId };
    const written = await this.writeChained(wallet.id, (state) => decidePosting(state, posting, wallet), digest);
    if (written.kind === 'written') return { kind: written.result.kind, fresh: true, balance: written.line.state.balance };
    if (written.kind === 'unchanged') throw new Error(`leg of ${entry.id} on ${wallet.id} was neither written nor refused`);
    const recorded = recordedPosting(written.line.state);
    if (!recorded) throw new Error(`line ${written.line.seq} of ${wallet.id} recorded ${entry.id} as ${written.line.state.effect.type}`);
    return { kind: recorded.kind, fresh: false, balance: written.line.state.balance };
  }

  /** Balances are read exactly (the latest line), never from a head cache that may lag. */
  private async withBalance(record: WalletRecord): Promise<Wallet> {
    const wallet: Wallet = { ...record, balance: 0, holds: {} };
    if (isHouse(record)) {
      wallet.balance = await this.records.houseBalance(record.id);
      return wallet;
    }
    const latest = await this.streams.latest(record.id);
    if (latest) {
      wallet.balance = latest.state.balance;
      wallet.holds = Object.fromEntries(latest.state.holds.map((hold) => [hold.holdId, hold.amount]));
    }
    return wallet;
  }
}
