import { randomUUID } from 'node:crypto';
import { TOPICS } from '@cashout/shared-contracts';
import { DeliveryContext, MessageBus, PoisonMessageError } from '../src/messaging/message-bus.port';

/** What a contract run needs from an adapter: a bus (maxAttempts 3, short backoff) and fresh topics. */
export interface BusFixture {
  bus: MessageBus;
  /** A topic of its own for one test, with this many partitions. */
  createTopic(name: string, partitions: number): Promise<void>;
  close(): Promise<void>;
}

interface Payload {
  run: string;
  key: string;
  seq: number;
}

export async function waitFor(condition: () => boolean, timeoutMs = 30_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The message-bus port's promises, run against every adapter: ordering per key, consumer
 * groups, retries, dead-lettering, starting positions, draining on stop.
 */
export function describeMessageBusContract(adapter: string, makeFixture: () => Promise<BusFixture>, quietMs = 300): void {
  describe(`MessageBus contract: ${adapter}`, () => {
    let fixture: BusFixture;
    let run: string;
    let topic: string;

    beforeEach(async () => {
      fixture = await makeFixture();
      run = randomUUID().slice(0, 8);
      topic = `contract-${run}`;
      await fixture.createTopic(topic, 3);
    });

    afterEach(async () => {
      await fixture.close();
    });

    const message = (key: string, seq: number) => ({
      topic,
      key,
      envelope: {
        messageId: randomUUID(),
        type: 'ContractProbe',
        version: 1,
        occurredAt: new Date().toISOString(),
        correlationId: run,
        aggregateId: key,
        producer: 'contract',
        payload: { run, key, seq },
      },
    });
    const payloadOf = (value: unknown) => (value as { payload: Payload }).payload;

    async function collectDeadLetters(): Promise<Array<{ value: Payload; headers: Record<string, string> }>> {
      const seen: Array<{ value: Payload; headers: Record<string, string> }> = [];
      await fixture.bus.subscribe({
        group: `dlt-reader-${run}`,
        topics: [TOPICS.deadLetter],
        handler: async (value, context) => {
          const payload = payloadOf(value);
          if (payload?.run === run) seen.push({ value: payload, headers: context.headers });
        },
      });
      return seen;
    }

    it('delivers every message to a group, in publishing order per key', async () => {
      const received: Payload[] = [];
      await fixture.bus.subscribe({ group: `g-${run}`, topics: [topic], handler: async (value) => void received.push(payloadOf(value)) });
      const keys = ['a', 'b', 'c', 'd'];
      for (let seq = 0; seq < 10; seq += 1) await fixture.bus.publish(keys.map((key) => message(`${key}-${run}`, seq)));

      await waitFor(() => received.length >= 40, 30_000, '40 messages');
      await settle(quietMs);
      expect(received).toHaveLength(40);
      for (const key of keys) {
        expect(received.filter((item) => item.key === `${key}-${run}`).map((item) => item.seq)).toEqual([...Array(10).keys()]);
      }
    });

    it('gives each consumer group its own copy of every message', async () => {
      const first: Payload[] = [];
      const second: Payload[] = [];
      await fixture.bus.subscribe({ group: `g1-${run}`, topics: [topic], handler: async (value) => void first.push(payloadOf(value)) });
      await fixture.bus.subscribe({ group: `g2-${run}`, topics: [topic], handler: async (value) => void second.push(payloadOf(value)) });
      await fixture.bus.publish([message('x', 1), message('y', 2), message('z', 3)]);

      await waitFor(() => first.length >= 3 && second.length >= 3, 30_000, 'both groups');
      expect(first.map((item) => item.seq).sort()).toEqual([1, 2, 3]);
      expect(second.map((item) => item.seq).sort()).toEqual([1, 2, 3]);
    });

    it('shares the partitions between members of one group: each message is handled once', async () => {
      const handledBy: Array<[string, number]> = [];
      const member = (name: string) => async (value: unknown) => void handledBy.push([name, payloadOf(value).seq]);
      await fixture.bus.subscribe({ group: `shared-${run}`, topics: [topic], handler: member('one') });
      await fixture.bus.subscribe({ group: `shared-${run}`, topics: [topic], handler: member('two') });
      await settle(quietMs);
      await fixture.bus.publish(Array.from({ length: 30 }, (_, seq) => message(`k${seq}`, seq)));

      await waitFor(() => handledBy.length >= 30, 30_000, '30 messages');
      await settle(quietMs);
      expect(handledBy.map(([, seq]) => seq).sort((a, b) => a - b)).toEqual([...Array(30).keys()]);
    });

    it('retries a failing handler until it succeeds, without dead-lettering', async () => {
      const attempts: number[] = [];
      const deadLetters = await collectDeadLetters();
      await fixture.bus.subscribe({
        group: `retry-${run}`,
        topics: [topic],
        handler: async (_value, context: DeliveryContext) => {
          attempts.push(context.attempt);
          if (context.attempt < 3) throw new Error('transient');
        },
      });
      await fixture.bus.publish([message('retry', 1)]);

      await waitFor(() => attempts.length >= 3, 30_000, 'three attempts');
      await settle(quietMs);
      expect(attempts).toEqual([1, 2, 3]);
      expect(deadLetters).toEqual([]);
    });

    it('dead-letters a message that keeps failing, with the reason, and moves on to the next', async () => {
      const delivered: number[] = [];
      const deadLetters = await collectDeadLetters();
      await fixture.bus.subscribe({
        group: `dlt-${run}`,
        topics: [topic],
        handler: async (value) => {
          const payload = payloadOf(value);
          if (payload.seq === 1) throw new Error('boom');
          delivered.push(payload.seq);
        },
      });
      await fixture.bus.publish([message('same-key', 1), message('same-key', 2)]);

      await waitFor(() => deadLetters.length >= 1 && delivered.length >= 1, 30_000, 'dead letter and next message');
      expect(delivered).toEqual([2]);
      expect(deadLetters[0].value.seq).toBe(1);
      expect(deadLetters[0].headers).toMatchObject({ 'x-dlt-reason': 'boom', 'x-dlt-topic': topic, 'x-dlt-attempts': '3', 'x-dlt-group': `dlt-${run}` });
    });

    it('dead-letters a poison message at once, without retrying it', async () => {
      const attempts: number[] = [];
      const deadLetters = await collectDeadLetters();
      await fixture.bus.subscribe({
        group: `poison-${run}`,
        topics: [topic],
        handler: async (_value, context) => {
          attempts.push(context.attempt);
          throw new PoisonMessageError('invalid payload: amount');
        },
      });
      await fixture.bus.publish([message('poison', 1)]);

      await waitFor(() => deadLetters.length >= 1, 30_000, 'dead letter');
      expect(attempts).toEqual([1]);
      expect(deadLetters[0].headers['x-dlt-reason']).toBe('invalid payload: amount');
    });

    it("starts a 'latest' group after what was already published, and an 'earliest' one at the start", async () => {
      await fixture.bus.publish([message('old', 1)]);
      const latest: number[] = [];
      const earliest: number[] = [];
      await fixture.bus.subscribe({
        group: `latest-${run}`,
        topics: [topic],
        startFrom: 'latest',
        handler: async (value) => void latest.push(payloadOf(value).seq),
      });
      await fixture.bus.subscribe({ group: `earliest-${run}`, topics: [topic], handler: async (value) => void earliest.push(payloadOf(value).seq) });
      await fixture.bus.publish([message('new', 2)]);

      await waitFor(() => latest.length >= 1 && earliest.length >= 2, 30_000, 'both groups');
      await settle(quietMs);
      expect(latest).toEqual([2]);
      expect(earliest.sort()).toEqual([1, 2]);
    });

    it('lets in-flight handlers finish before stop returns', async () => {
      let started = false;
      let finished = false;
      await fixture.bus.subscribe({
        group: `drain-${run}`,
        topics: [topic],
        handler: async () => {
          started = true;
          await settle(500);
          finished = true;
        },
      });
      await fixture.bus.publish([message('slow', 1)]);
      await waitFor(() => started, 30_000, 'the handler to start');

      await fixture.bus.stop();

      expect(finished).toBe(true);
    });
  });
}
