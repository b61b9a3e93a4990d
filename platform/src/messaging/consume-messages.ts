import { MESSAGE_CATALOGUE, Message, MessageType, parseMessage } from '@cashout/shared-contracts';
import { platformLogger } from '../logging/platform-logger';
import { groupLabel, messageMetrics } from '../metrics/platform-metrics';
import { DeliveryContext, MessageBus, PoisonMessageError } from './message-bus.port';

/** A typed handler; `delivery` says where the message was read (a position-aware read model stores it). */
export type MessageHandlers = {
  [T in MessageType]?: (message: Message<T>, delivery: DeliveryContext) => Promise<void>;
};

export interface ConsumeOptions {
  group: string;
  topics: string[];
  handlers: MessageHandlers;
  startFrom?: 'earliest' | 'latest';
  /** See SubscriptionOptions.ephemeral: a per-instance group, deleted when the bus stops. */
  ephemeral?: boolean;
  /**
   * A cheap look at the raw message before it is validated: false skips it unparsed (e.g.
   * a reply addressed to another gateway instance). Fields read here are not yet checked.
   */
  accept?: (raw: { type?: unknown; correlationId?: unknown }) => boolean;
}

const rawFields = (value: unknown): { type?: unknown; correlationId?: unknown } => (typeof value === 'object' && value !== null ? value : {});

/**
 * The level of the line written per handled message: info in the service processes
 * (runServiceProcess sets it), where it is the trace of every message; debug elsewhere (the
 * embedded default, tests) so that `npm start` at info is not a wall of lines.
 */
let messageLineLevel: 'info' | 'debug' = 'debug';

export function setMessageLogLevel(level: 'info' | 'debug'): void {
  messageLineLevel = level;
}

function logHandled(group: string, message: Message, delivery: DeliveryContext, ms: number, outcome: 'ok' | 'failed', error?: unknown): void {
  const logger = platformLogger();
  const level = outcome === 'ok' ? messageLineLevel : 'warn';
  if (!logger.isLevelEnabled(level)) return;
  logger[level](
    {
      group,
      type: message.type,
      messageId: message.messageId,
      correlationId: message.correlationId,
      causationId: message.causationId,
      intentId: message.aggregateId,
      topic: delivery.topic,
      partition: delivery.partition,
      offset: delivery.offset,
      attempt: delivery.attempt,
      durationMs: Math.round(ms * 1000) / 1000,
      outcome,
      ...(error === undefined ? {} : { error: error instanceof Error ? error.message : String(error) }),
    },
    outcome === 'ok' ? 'message handled' : 'message handling failed',
  );
}

/**
 * Subscribes typed handlers: every message is validated against its contract first; an
 * invalid one is dead-lettered with the reason and never reaches a handler. Known message
 * types the group has no handler for are acknowledged and skipped before any validation
 * (the groups that handle them validate them), as are those `accept` turns away.
 */
export async function consumeMessages(bus: MessageBus, options: ConsumeOptions): Promise<void> {
  const group = groupLabel(options.group);
  await bus.subscribe({
    group: options.group,
    topics: options.topics,
    startFrom: options.startFrom,
    ephemeral: options.ephemeral,
    handler: async (value, delivery) => {
      const raw = rawFields(value);
      if (typeof raw.type === 'string' && !Object.hasOwn(options.handlers, raw.type) && Object.hasOwn(MESSAGE_CATALOGUE, raw.type)) return;
      if (options.accept && !options.accept(raw)) return;
      const parsed = parseMessage(value);
      if (!parsed.ok) {
        messageMetrics.handled(typeof raw.type === 'string' && Object.hasOwn(MESSAGE_CATALOGUE, raw.type) ? raw.type : 'unknown', group, 'invalid');
        throw new PoisonMessageError(parsed.reason);
      }
      const message = parsed.message;
      const handler = options.handlers[message.type] as ((message: Message, delivery: DeliveryContext) => Promise<void>) | undefined;
      if (!handler) return;
      const started = performance.now();
      try {
        await handler(message, delivery);
      } catch (error) {
        const ms = performance.now() - started;
        messageMetrics.handled(message.type, group, 'failed', ms / 1000);
        logHandled(options.group, message, delivery, ms, 'failed', error);
        throw error;
      }
      const ms = performance.now() - started;
      messageMetrics.handled(message.type, group, 'ok', ms / 1000);
      logHandled(options.group, message, delivery, ms, 'ok');
    },
  });
}
