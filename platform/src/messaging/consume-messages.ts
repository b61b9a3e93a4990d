import { Logger } from '@nestjs/common';
import { Message, MessageType, parseMessage } from '@cashout/shared-contracts';
import { MessageBus, PoisonMessageError } from './message-bus.port';

export type MessageHandlers = {
  [T in MessageType]?: (message: Message<T>) => Promise<void>;
};

export interface ConsumeOptions {
  group: string;
  topics: string[];
  handlers: MessageHandlers;
  startFrom?: 'earliest' | 'latest';
}

/**
 * Subscribes typed handlers: every message is validated against its contract first; an
 * invalid one is dead-lettered with the reason and never reaches a handler. Message types
 * the group has no handler for are acknowledged and skipped.
 */
export async function consumeMessages(bus: MessageBus, options: ConsumeOptions): Promise<void> {
  const logger = new Logger(`consumer:${options.group}`);
  await bus.subscribe({
    group: options.group,
    topics: options.topics,
    startFrom: options.startFrom,
    handler: async (value) => {
      const parsed = parseMessage(value);
      if (!parsed.ok) throw new PoisonMessageError(parsed.reason);
      const handler = options.handlers[parsed.message.type] as ((message: Message) => Promise<void>) | undefined;
      if (!handler) return;
      logger.debug(`${parsed.message.type} ${parsed.message.messageId} for ${parsed.message.aggregateId}`);
      await handler(parsed.message);
    },
  });
}
