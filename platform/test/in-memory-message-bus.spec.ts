import { InMemoryMessageBus } from '../src/messaging/in-memory-message-bus';
import { describeMessageBusContract } from './message-bus.contract';
import { gatedHandler, probe, seqOf } from './support/probe-messages';

describeMessageBusContract(
  'in-memory',
  async () => {
    const bus = new InMemoryMessageBus({ maxAttempts: 3, backoffMs: () => 5 });
    return {
      bus,
      createTopic: async () => undefined,
      close: () => bus.stop(),
    };
  },
  20,
);

describe('InMemoryMessageBus retention', () => {
  // One key for all: one partition, so the order checks below hold whatever the partition count.
  const message = (seq: number) => probe('retention-probe', seq, 'k');

  it('drops records once every group has consumed them, and keeps delivering in order', async () => {
    const bus = new InMemoryMessageBus({ retainConsumedRecords: false });
    const fast: number[] = [];
    const { handler: slowHandler, handled: slow, release: releaseSlow } = gatedHandler();
    await bus.subscribe({
      group: 'fast',
      topics: ['retention-probe'],
      handler: async (value) => void fast.push(seqOf(value)),
    });
    await bus.subscribe({ group: 'slow', topics: ['retention-probe'], handler: slowHandler });
    await bus.publish([message(1), message(2), message(3)]);
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(fast).toEqual([1, 2, 3]);
    expect(bus.records('retention-probe')).toHaveLength(3);

    releaseSlow();
    await bus.idle();
    expect(slow).toEqual([1, 2, 3]);
    expect(bus.records('retention-probe')).toHaveLength(0);

    await bus.publish([message(4)]);
    await bus.idle();
    expect(fast).toEqual([1, 2, 3, 4]);
    expect(slow).toEqual([1, 2, 3, 4]);
    await bus.stop();
  });

  it('keeps only the most recent records of a topic no group reads, when consumed records are dropped', async () => {
    const bus = new InMemoryMessageBus({ retainConsumedRecords: false, unreadRetention: 2, defaultPartitions: 1 });
    await bus.publish([message(1), message(2), message(3)]);
    await bus.publish([message(4)]);

    expect(bus.records('retention-probe').map((record) => seqOf(record.value))).toEqual([3, 4]);
    await bus.stop();
  });

  it('delivers every record in order across many drops (the log sheds dropped records in batches)', async () => {
    const bus = new InMemoryMessageBus({ retainConsumedRecords: false, defaultPartitions: 1 });
    const seen: number[] = [];
    await bus.subscribe({
      group: 'g',
      topics: ['retention-probe'],
      handler: async (value) => void seen.push(seqOf(value)),
    });
    for (let seq = 1; seq <= 3000; seq += 1) await bus.publish([message(seq)]);
    await bus.idle();

    expect(seen).toEqual(Array.from({ length: 3000 }, (_, index) => index + 1));
    expect(bus.records('retention-probe')).toHaveLength(0);
    await bus.stop();
  });

  it('keeps every record by default, for tests that read topics back', async () => {
    const bus = new InMemoryMessageBus();
    await bus.subscribe({ group: 'g', topics: ['retention-probe'], handler: async () => undefined });
    await bus.publish([message(1), message(2)]);
    await bus.idle();

    expect(bus.records('retention-probe')).toHaveLength(2);
    await bus.stop();
  });
});
