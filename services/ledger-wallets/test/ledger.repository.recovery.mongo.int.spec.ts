import { setTimeout as sleep } from 'node:timers/promises';
import { customerWalletId, JournalEntry, reconcile, systemWalletId } from '../src/domain/ledger';
import { MongoLedgerRepository } from '../src/infrastructure/mongo-ledger.repository';
import { openTestDatabase, TestDatabase } from '@cashout/testkit';

const XOF = 'XOF';
const FUNDING = systemWalletId('FUNDING', XOF);
const CLIENT = customerWalletId('usr-client-0001', 'MAIN', XOF);
const FLOAT = customerWalletId('usr-agent-0001', 'FLOAT', XOF);

const transfer: JournalEntry = {
  id: 'cashout-intent-1',
  kind: 'CASH_OUT',
  intentId: 'intent-1',
  postings: [
    { walletId: CLIENT, amount: -1_000, currency: XOF },
    { walletId: FLOAT, amount: 1_000, currency: XOF },
  ],
  capturesHoldId: 'hold-1',
  createdAt: '2026-01-15T10:00:00.000Z',
};

/**
 * The crash story of MongoLedgerRepository.post, which the in-memory twin cannot have: a
 * poster dies after moving some wallets; the saga's re-post resumes the entry once the
 * claim lease has expired and moves each wallet exactly once.
 */
describe('MongoLedgerRepository crash recovery (FerretDB/MongoDB)', () => {
  let database: TestDatabase;
  let ledger: MongoLedgerRepository;

  beforeEach(async () => {
    database = await openTestDatabase('ledger-wallets');
    ledger = await MongoLedgerRepository.create(database.connection, { claimLeaseMs: 200 });
    await ledger.ensureWallet({ id: FUNDING, kind: 'SYSTEM', currency: XOF, allowNegative: true });
    await ledger.ensureWallet({ id: CLIENT, kind: 'MAIN', currency: XOF, allowNegative: false });
    await ledger.ensureWallet({ id: FLOAT, kind: 'FLOAT', currency: XOF, allowNegative: false });
    await ledger.post({ id: 'opening', kind: 'OPENING', postings: [{ walletId: FUNDING, amount: -5_000, currency: XOF }, { walletId: CLIENT, amount: 5_000, currency: XOF }], createdAt: transfer.createdAt });
    await ledger.placeHold(CLIENT, 'hold-1', 1_000);
  });

  afterEach(async () => {
    await database.drop();
  });

  /** What a poster that crashed after debiting the client leaves behind. */
  async function crashAfterTheDebit(): Promise<void> {
    const db = database.connection.db;
    if (!db) throw new Error('no db');
    await db.collection<{ _id: string; [field: string]: unknown }>('journal').insertOne({ _id: transfer.id, entry: transfer, state: 'pending', claim: 'dead-poster', claimedUntil: Date.now() + 200 });
    await db.collection<{ _id: string; balance: number; available: number; held: number }>('wallets').updateOne(
      { _id: CLIENT },
      { $inc: { balance: -1_000, available: 0, held: -1_000 }, $set: { 'applied.cashout-intent-1': { movement: -1_000, freed: 1_000 } }, $unset: { 'holds.hold-1': '' } },
    );
  }

  it('finishes a half-applied entry on re-post, moving each wallet once', async () => {
    await crashAfterTheDebit();

    const outcome = await ledger.post(transfer);

    expect(outcome).toEqual({ kind: 'posted' });
    expect(await ledger.findWallet(CLIENT)).toMatchObject({ balance: 4_000, holds: {} });
    expect((await ledger.findWallet(FLOAT))?.balance).toBe(1_000);
    expect(await ledger.findEntry(transfer.id)).toEqual(transfer);
    expect(reconcile(await ledger.allWallets(), await ledger.allEntries()).balanced).toBe(true);
    expect(await ledger.post(transfer)).toEqual({ kind: 'duplicate' });
  });

  it('waits for a live claim instead of racing it, then takes over once the lease expires', async () => {
    await crashAfterTheDebit();
    const started = Date.now();

    const outcomes = await Promise.all([ledger.post(transfer), sleep(20).then(() => ledger.post(transfer))]);

    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(['duplicate', 'posted']);
    expect((await ledger.findWallet(CLIENT))?.balance).toBe(4_000);
    expect((await ledger.findWallet(FLOAT))?.balance).toBe(1_000);
  });

  it('leaves wallets with no markers once the entry is applied', async () => {
    await ledger.post(transfer);

    const wallets = await database.connection.db?.collection<{ _id: string; applied: object }>('wallets').find({}).toArray();

    expect(wallets?.map((wallet) => Object.keys(wallet.applied))).toEqual([[], [], []]);
  });
});
