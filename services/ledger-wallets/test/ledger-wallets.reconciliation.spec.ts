import { randomUUID } from 'node:crypto';
import { InMemoryStreamStore } from '@cashout/platform';
import { ReconciliationViewSchema } from '@cashout/shared-contracts';
import { InMemoryLedgerRecords } from '../src/infrastructure/in-memory-ledger.records';
import { StreamLedgerRepository } from '../src/infrastructure/stream-ledger.repository';
import { AGENT, CLIENT_WALLET, ModuleHarness as Harness } from './support/module-harness';
import { inMemoryTamper, LedgerTamper } from './support/ledger-tamper';

/** GetReconciliation (GET /ledger/reconciliation) verifies the journal's hash chains as well as its sums. */
describe('reconciliation of the tamper-evident journal (module, in-memory)', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await new Harness().start();
  });

  afterEach(async () => {
    await harness.close();
  });

  async function aSucceededCashOut(): Promise<string> {
    const intentId = randomUUID();
    await harness.toPinVerified(intentId);
    await harness.request('ConfirmIntent', { intentId, actor: AGENT }, intentId);
    await harness.publish(harness.reservationAnswer(intentId));
    return intentId;
  }

  /** The embedded ledger's own stores, reached around the ledger. */
  function tamper(): LedgerTamper {
    const ledger = harness.ledger;
    if (!(ledger instanceof StreamLedgerRepository)) throw new Error('expected the stream ledger');
    const streams = ledger['streams'];
    const records = ledger['records'];
    if (!(streams instanceof InMemoryStreamStore) || !(records instanceof InMemoryLedgerRecords)) throw new Error('expected in-memory stores');
    return inMemoryTamper(streams, records);
  }

  it('reports an intact chain after seeding and a cash-out, in the published schema', async () => {
    await aSucceededCashOut();

    const report = await harness.reconciliation();

    expect(ReconciliationViewSchema.parse(report)).toEqual(report);
    expect(report).toMatchObject({ balanced: true, intact: true, chain: { legacy: { lines: 0, entries: 0 }, broken: [], brokenCount: 0 } });
    // Every seeded opening and the cash-out with its commission, each vouched for by a wallet's chain.
    expect(report.chain?.entries).toBe((await harness.ledger.allEntries()).length);
  });

  it('reports the id of an entry whose amount was edited in storage: intact false', async () => {
    const intentId = await aSucceededCashOut();

    await tamper().editEntry(`cashout-${intentId}`, (entry) => ({
      ...entry,
      postings: entry.postings.map((leg) => (leg.walletId === CLIENT_WALLET ? { ...leg, amount: leg.amount + 1_000 } : leg)),
    }));

    const report = await harness.reconciliation();
    expect(report.intact).toBe(false);
    expect(report.chain?.broken).toContainEqual({ problem: 'edited', stream: CLIENT_WALLET, sequence: expect.any(Number), entryId: `cashout-${intentId}` });
  });

  it('reports the id of an entry deleted from storage', async () => {
    const intentId = await aSucceededCashOut();

    await tamper().deleteEntry(`commission-${intentId}`);

    const report = await harness.reconciliation();
    expect(report.intact).toBe(false);
    expect(report.chain?.broken).toContainEqual(expect.objectContaining({ problem: 'missing', entryId: `commission-${intentId}` }));
  });
});
