import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { MESSAGE_BUS, MessageBus, MessageFactory, OutgoingMessage, consumeMessages } from '@cashout/platform';
import { Message, MessageType, PayloadOf, ReplyBody, TOPICS } from '@cashout/shared-contracts';
import { ApiError } from '../http/api-error';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';

export interface RequestContext {
  aggregateId: string;
  correlationId: string;
  /** Overrides the configured reply timeout. */
  timeoutMs?: number;
}

interface Waiter {
  messageId: string;
  resolve: (body: ReplyBody) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Sends a command or query and waits for its GatewayReply, matched by correlation id.
 * Every instance reads the whole reply topic through a consumer group of its own, from the
 * latest offset: replies are broadcast, so no rebalance can strand one on another instance.
 */
@Injectable()
export class Requester implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(Requester.name);
  private readonly group = `gateway-${randomUUID()}`;
  /** Several waiters may share a correlation id (confirm, and the intent read during its wait). */
  private readonly waiters = new Map<string, Waiter[]>();

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly messages: MessageFactory,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await consumeMessages(this.bus, {
      group: this.group,
      topics: [TOPICS.gatewayReplies],
      startFrom: 'latest',
      ephemeral: true,
      // Replies nobody here waits for (most are another instance's) are not even parsed.
      accept: (raw) => typeof raw.correlationId === 'string' && this.waiters.has(raw.correlationId),
      handlers: { GatewayReply: async (message) => this.settle(message) },
    });
  }

  onApplicationShutdown(): void {
    for (const waiters of this.waiters.values()) {
      for (const waiter of waiters) {
        clearTimeout(waiter.timer);
        waiter.reject(new ApiError('TIMEOUT', 'the gateway is shutting down'));
      }
    }
    this.waiters.clear();
  }

  /**
   * Publishes and waits for the reply. The timer, a publish failure and the reply all settle
   * the one promise the caller awaits, so nothing rejects unobserved: a publish that hangs
   * (a broker restarting) ends in TIMEOUT at the deadline, and whatever that publish does
   * afterwards changes nothing.
   */
  request<T extends MessageType>(type: T, payload: PayloadOf<T>, context: RequestContext): Promise<ReplyBody> {
    const outgoing = this.messages.create(type, payload, {
      aggregateId: context.aggregateId,
      correlationId: context.correlationId,
    });
    // The waiter exists before the publish, so even an instant reply finds it.
    const { waiter, reply } = this.register(context.correlationId, outgoing.envelope.messageId, context.timeoutMs ?? this.config.replyTimeoutMs);
    this.publish(outgoing).then(
      () => undefined,
      (error: unknown) => {
        // A waiter already answered or timed out is gone: its caller has its answer.
        if (!this.remove(context.correlationId, waiter)) return;
        clearTimeout(waiter.timer);
        this.logger.warn(`publishing ${type} for ${context.correlationId} failed: ${error instanceof Error ? error.message : String(error)}`);
        waiter.reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
    return reply;
  }

  /** A bus that throws instead of rejecting still ends in the one promise. */
  private publish(outgoing: OutgoingMessage): Promise<void> {
    try {
      return this.bus.publish([outgoing]);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private register(correlationId: string, messageId: string, timeoutMs: number): { waiter: Waiter; reply: Promise<ReplyBody> } {
    let resolveReply!: (body: ReplyBody) => void;
    let rejectReply!: (error: Error) => void;
    const reply = new Promise<ReplyBody>((resolve, reject) => {
      resolveReply = resolve;
      rejectReply = reject;
    });
    const waiter: Waiter = {
      messageId,
      resolve: resolveReply,
      reject: rejectReply,
      timer: setTimeout(() => {
        this.remove(correlationId, waiter);
        rejectReply(new ApiError('TIMEOUT', `the platform did not answer within ${timeoutMs} ms`));
      }, timeoutMs),
    };
    waiter.timer.unref();
    this.waiters.set(correlationId, [...(this.waiters.get(correlationId) ?? []), waiter]);
    return { waiter, reply };
  }

  private async settle(message: Message<'GatewayReply'>): Promise<void> {
    const waiters = this.waiters.get(message.correlationId);
    // Replies to other instances, late replies and redeliveries find no waiter: ignored.
    if (!waiters || waiters.length === 0) return;
    const waiter = waiters.find((w) => w.messageId === message.causationId) ?? waiters[0];
    clearTimeout(waiter.timer);
    this.remove(message.correlationId, waiter);
    this.logger.debug(`reply ${message.payload.kind} for ${message.correlationId}`);
    waiter.resolve(message.payload);
  }

  /** False when the waiter was no longer waiting (answered, timed out or failed). */
  private remove(correlationId: string, waiter: Waiter): boolean {
    const waiters = this.waiters.get(correlationId) ?? [];
    if (!waiters.includes(waiter)) return false;
    const remaining = waiters.filter((w) => w !== waiter);
    if (remaining.length === 0) this.waiters.delete(correlationId);
    else this.waiters.set(correlationId, remaining);
    return true;
  }
}

type Kind = ReplyBody['kind'];
export type ReplyOf<K extends Kind> = Extract<ReplyBody, { kind: K }>;

/** The reply of the expected kind; an error reply becomes the ApiError of its code. */
export function expectReply<K extends Kind>(reply: ReplyBody, kind: K): ReplyOf<K> {
  if (reply.kind === kind) return reply as ReplyOf<K>;
  if (reply.kind === 'error') throw ApiError.fromBody(reply.error);
  throw new ApiError('INTERNAL', 'the platform gave an unexpected answer');
}
