import { InMemoryMessageBus } from '../../src/messaging/in-memory-message-bus';
import { MessageBus, OutgoingMessage, PoisonMessageError, RawHandler } from '../../src/messaging/message-bus.port';

/**
 * Probe messages and the consumers the in-memory bus's own tests put on them: one that refuses
 * everything (to fill the dead-letter topic) and one stuck at a gate (to hold records unread).
 */

/** A probe on `topic` numbered `seq`: its own key unless one is given (one key keeps one partition's order). */
export const probe = (topic: string, seq: number, key = `k-${seq}`): OutgoingMessage => ({
  topic,
  key,
  envelope: {
    messageId: `m-${seq}`,
    type: 'Probe',
    version: 1,
    occurredAt: '2026-01-15T10:00:00.000Z',
    correlationId: 'c',
    aggregateId: 'k',
    producer: 'test',
    payload: { seq },
  },
});

/** The number a delivered probe carries. */
export const seqOf = (value: unknown): number => (value as { payload: { seq: number } }).payload.seq;

/** A group whose handler refuses every message as poison: each is dead-lettered without retry. */
export function subscribeRefuser(bus: MessageBus, topic: string): Promise<void> {
  return bus.subscribe({
    group: 'refuser',
    topics: [topic],
    handler: async () => {
      throw new PoisonMessageError('never valid');
    },
  });
}

/** Probes 1 to `count` on `topic`, each refused and dead-lettered, once the bus is idle again. */
export async function deadLetterProbes(bus: InMemoryMessageBus, topic: string, count: number): Promise<void> {
  await subscribeRefuser(bus, topic);
  await bus.publish(Array.from({ length: count }, (_, index) => probe(topic, index + 1)));
  await bus.idle();
}

/**
 * A handler that handles nothing until `release()`, then records the probes' numbers in order.
 * Made before the subscription so that a test's `finally` can release it whatever failed.
 */
export function gatedHandler(): { handler: RawHandler; handled: number[]; release: () => void } {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const handled: number[] = [];
  const handler: RawHandler = async (value) => {
    await gate;
    handled.push(seqOf(value));
  };
  return { handler, handled, release: () => release() };
}
