import { randomUUID } from 'node:crypto';
import { MESSAGE_CATALOGUE, Message, MessageType, PayloadOf } from '@cashout/shared-contracts';
import { OutgoingMessage } from './message-bus.port';

export interface MessageContext {
  /** The intent id, or the subject's id when the message concerns no intent. */
  aggregateId: string;
  correlationId: string;
  causationId?: string;
}

/** Builds enveloped, versioned messages for one producer. */
export class MessageFactory {
  constructor(
    private readonly producer: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  create<T extends MessageType>(type: T, payload: PayloadOf<T>, context: MessageContext): OutgoingMessage {
    const entry = MESSAGE_CATALOGUE[type];
    return {
      topic: entry.topic,
      key: context.aggregateId,
      envelope: {
        messageId: randomUUID(),
        type,
        version: entry.version,
        occurredAt: this.now().toISOString(),
        correlationId: context.correlationId,
        causationId: context.causationId,
        aggregateId: context.aggregateId,
        producer: this.producer,
        payload,
      },
    };
  }

  /** A message caused by another: same correlation, causation = the cause's id. */
  reply<T extends MessageType>(cause: Message, type: T, payload: PayloadOf<T>, aggregateId = cause.aggregateId) {
    return this.create(type, payload, {
      aggregateId,
      correlationId: cause.correlationId,
      causationId: cause.messageId,
    });
  }
}
