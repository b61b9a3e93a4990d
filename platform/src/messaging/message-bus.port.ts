import { Envelope } from '@cashout/shared-contracts';

export const MESSAGE_BUS = Symbol('MESSAGE_BUS');

/** A message ready to be published: the key decides the partition (the intent id). */
export interface OutgoingMessage {
  topic: string;
  key: string;
  envelope: Envelope;
  headers?: Record<string, string>;
}

export interface DeliveryContext {
  topic: string;
  partition: number;
  offset: number;
  attempt: number;
  headers: Record<string, string>;
}

/** Receives the raw decoded value; validation happens in the consumer layer. */
export type RawHandler = (value: unknown, context: DeliveryContext) => Promise<void>;

export interface SubscriptionOptions {
  /** Consumer group: each group sees every message once; members share partitions. */
  group: string;
  topics: string[];
  handler: RawHandler;
  /** Where a group with no committed offset starts: the beginning (default) or the end. */
  startFrom?: 'earliest' | 'latest';
  /**
   * The group is this process's alone (a per-instance reader under a generated name): the bus
   * deletes it when it stops, so restarts leave no groups behind. One a crash leaves is
   * expired by the broker's offset retention (the in-memory bus's groups end with the process).
   */
  ephemeral?: boolean;
}

/** Thrown by a handler for a message that can never succeed: dead-lettered without retry. */
export class PoisonMessageError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'PoisonMessageError';
  }
}

/**
 * The message-bus port: Kafka's semantics (topics, ordering per key, consumer groups,
 * at-least-once delivery with retries, a dead-letter topic). Offsets advance only after a
 * handler returns, or after the message was dead-lettered.
 */
export interface MessageBus {
  publish(messages: OutgoingMessage[]): Promise<void>;
  subscribe(options: SubscriptionOptions): Promise<void>;
  /** Stops consuming after the in-flight messages are handled; publishing still works. */
  stop(): Promise<void>;
  isHealthy(): Promise<boolean>;
  /**
   * Messages on the dead-letter topic now (what an operator has to look at): end minus start
   * offsets summed over its partitions; 0 when the topic does not exist yet.
   */
  countDeadLetters(): Promise<number>;
}

export interface DeadLetterHeaders {
  'x-dlt-reason': string;
  'x-dlt-topic': string;
  'x-dlt-partition': string;
  'x-dlt-offset': string;
  'x-dlt-group': string;
  'x-dlt-attempts': string;
}
