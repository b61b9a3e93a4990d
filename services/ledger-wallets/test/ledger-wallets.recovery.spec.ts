import { randomUUID } from 'node:crypto';
import { MessageType, TOPICS } from '@cashout/shared-contracts';
import { OutgoingMessage } from '@cashout/platform';
import { ExpiryAndSettlementSweeper } from '../src';
import { AGENT, CLIENT, ModuleHarness } from './support/module-harness';

/** The sweeper's stall delay (STALLED_AFTER_MS's default) and a little more. */
const PAST_THE_STALL = 11_000;

/**
 * What a crash or a lost message leaves half-way, and the recovery sweeper finishing it:
 * the module on the in-memory bus, with chosen messages dropped on their way to the bus.
 */
describe('LedgerWalletsModule recovery after lost messages', () => {
  let harness: ModuleHarness;
  let sweeper: ExpiryAndSettlementSweeper;
  const dropped: OutgoingMessage[] = [];

  /** The next `count` messages of `type` never reach the bus (a crash before the relay, a lost produce). */
  function drop(type: MessageType, count = 1): void {
    const publish = harness.bus.publish.bind(harness.bus);
    let left = count;
    harness.bus.publish = async (messages) => {
      const kept = messages.filter((message) => {
        if (left > 0 && message.envelope.type === type) {
          left -= 1;
          dropped.push(message);
          return false;
        }
        return true;
      });
      await publish(kept);
    };
  }

  async function sweepLater(ms = PAST_THE_STALL): Promise<void> {
    harness.clock.advance(ms);
    await sweeper.sweep();
    await harness.bus.idle();
  }

  beforeEach(async () => {
    harness = await new ModuleHarness().start();
    sweeper = harness.app.get(ExpiryAndSettlementSweeper);
    dropped.length = 0;
  });

  afterEach(() => harness.close());

  it('finishes a PROCESSING intent whose posting command was lost: the sweeper asks again, the money moves once', async () => {
    const intentId = randomUUID();
    await harness.toPinVerified(intentId);
    const confirm = await harness.request('ConfirmIntent', { intentId, actor: AGENT }, intentId);
    drop('PostCashOut');
    await harness.publish(harness.reservationAnswer(intentId));
    expect(dropped.map((message) => message.envelope.type)).toEqual(['PostCashOut']);
    expect(await harness.cashOutEntries(intentId)).toEqual([]);

    await sweeper.sweep();
    await harness.bus.idle();
    expect(await harness.cashOutEntries(intentId)).toEqual([]);

    await sweepLater();

    expect(harness.intentReply(confirm)).toMatchObject({ status: 'SUCCEEDED' });
    expect(await harness.cashOutEntries(intentId)).toHaveLength(1);
    expect(await harness.balances(CLIENT.userId)).toEqual({ MAIN: { balance: 489_750, available: 489_750 } });
    expect(await harness.reconciliation()).toMatchObject({ balanced: true });
  });

  it('moves the money once when the lost command turns up after the sweeper asked again', async () => {
    const intentId = randomUUID();
    await harness.toPinVerified(intentId);
    await harness.request('ConfirmIntent', { intentId, actor: AGENT }, intentId);
    drop('PostCashOut');
    await harness.publish(harness.reservationAnswer(intentId));
    await sweepLater();

    await harness.publish(dropped[0]);

    expect(await harness.cashOutEntries(intentId)).toHaveLength(1);
    expect(await harness.balances(CLIENT.userId)).toEqual({ MAIN: { balance: 489_750, available: 489_750 } });
    expect(await harness.balances(AGENT.userId)).toEqual({ FLOAT: { balance: 10_000, available: 10_000 }, COMMISSION: { balance: 100, available: 100 } });
  });

  it('asks again for a hold whose answer was lost, and the confirm goes through', async () => {
    const intentId = randomUUID();
    await harness.toPinVerified(intentId);
    drop('PlaceHold');
    const confirm = await harness.request('ConfirmIntent', { intentId, actor: AGENT }, intentId);
    expect(harness.messages(TOPICS.riskCommands, 'ReserveCashOut', intentId)).toEqual([]);

    await sweepLater();
    await harness.publish(harness.reservationAnswer(intentId));

    expect(harness.intentReply(confirm)).toMatchObject({ status: 'SUCCEEDED' });
    expect(await harness.balances(CLIENT.userId)).toEqual({ MAIN: { balance: 489_750, available: 489_750 } });
  });

  it('gives back a hold whose release was lost (the risk engine refused the confirmation)', async () => {
    const intentId = randomUUID();
    await harness.toPinVerified(intentId);
    await harness.request('ConfirmIntent', { intentId, actor: AGENT }, intentId);
    drop('ReleaseHold');
    await harness.publish(harness.reservationAnswer(intentId, false));
    expect(await harness.balances(CLIENT.userId)).toEqual({ MAIN: { balance: 500_000, available: 489_750 } });

    await sweepLater();

    expect(await harness.balances(CLIENT.userId)).toEqual({ MAIN: { balance: 500_000, available: 500_000 } });
  });

  it('leaves the hold of a confirmation in progress alone', async () => {
    const intentId = randomUUID();
    await harness.toPinVerified(intentId);
    await harness.request('ConfirmIntent', { intentId, actor: AGENT }, intentId);
    drop('CashOutReserved');

    await sweepLater();

    expect(await harness.balances(CLIENT.userId)).toEqual({ MAIN: { balance: 500_000, available: 489_750 } });
    expect(harness.messages(TOPICS.riskCommands, 'ReserveCashOut', intentId)).toHaveLength(2);
  });

  it('gives back the hold of an intent that expired while its hold was being placed', async () => {
    const intentId = randomUUID();
    await harness.toPinVerified(intentId);
    drop('PlaceHold');
    await harness.request('ConfirmIntent', { intentId, actor: AGENT }, intentId);
    harness.clock.advance(601_000);
    await sweeper.sweep();
    await harness.bus.idle();

    // The lost placement turns up after the expiry released (voided) its hold id.
    await harness.publish(dropped[0]);
    await sweepLater();

    expect(await harness.balances(CLIENT.userId)).toEqual({ MAIN: { balance: 500_000, available: 500_000 } });
    expect(await harness.reconciliation()).toMatchObject({ balanced: true });
  });
});
