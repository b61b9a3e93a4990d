import { Logger } from '@nestjs/common';
import { MESSAGE_CATALOGUE, Message, MessageType, parseMessage } from '@cashout/shared-contracts';
import { MessageBus, PoisonMessageError } from './message-bus.port';

export type MessageHandlers = {
  [T in MessageType]?: (message: Message<T>) => Promise<void>;
};

export interface ConsumeOptions {
  group: string;
  topics: string[];
  handlers: MessageHandlers;
  startFrom?: 'earliest' | 'latest';
  /**
   * A cheap look at the raw message before it is validated: false skips it unparsed (e.g.
   * a reply addressed to another gateway instance). Fields read here are not yet checked.
   */
  accept?: (raw: { type?: unknown; correlationId?: unknown }) => boolean;
}

const rawFields = (value: unknown): { type?: unknown; correlationId?: unknown } => (typeof value === 'object' && value !== null ? value : {});

/**
 * Subscribes typed handlers: every message is validated against its contract first; an
 * invalid one is dead-lettered with the reason and never reaches a handler. Known message
 * types the group has no handler for are acknowledged and skipped before any validation
 * (the groups that handle them validate them), as are those `accept` turns away.
 */
export async function consumeMessages(bus: MessageBus, options: ConsumeOptions): Promise<void> {
  const logger = new Logger(`consumer:${options.group}`);
  await bus.subscribe({
    group: options.group,
    topics: options.topics,
    startFrom: options.startFrom,
    handler: async (value) => {
      const raw = rawFields(value);
      if (typeof raw.type === 'string' && !Object.hasOwn(options.handlers, raw.type) && Object.hasOwn(MESSAGE_CATALOGUE, raw.type)) return;
      if (options.accept && !options.accept(raw)) return;
      const parsed = parseMessage(value);
      if (!parsed.ok) throw new PoisonMessageError(parsed.reason);
      const handler = options.handlers[parsed.message.type] as ((message: Message) => Promise<void>) | undefined;
      if (!handler) return;
      logger.debug(`${parsed.message.type} ${parsed.message.messageId} for ${parsed.message.aggregateId}`);
      await handler(parsed.message);
    },
  });
}
