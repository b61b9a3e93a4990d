import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { MESSAGE_BUS, MessageBus, consumeMessages } from '@cashout/platform';
import { Message, TOPICS } from '@cashout/shared-contracts';
import { ApiError } from '../http/api-error';
import { GatewayResponse } from '../http/request-context';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';
import { MetricsRegistry } from '../operations/metrics.registry';
import { IntentEventStream } from './intent-event-stream';

/** What a refused client is told to wait: a stream slot frees when one of its streams ends. */
const RETRY_AFTER_SECONDS = 5;

/**
 * The open event streams of this gateway instance, by intent, and the transitions that feed
 * them. Like the reply and access readers (Requester, RevokedTokens), every instance reads
 * the intent events through a consumer group of its own, from the latest offset: a
 * transition reaches every instance, whichever one the client's stream is open on, and a new
 * instance has no history to read (a stream starts from the intent's current view). Only
 * intents someone watches here have an entry; events of the others are skipped unparsed.
 */
@Injectable()
export class IntentStreams implements OnModuleInit, OnModuleDestroy {
  private readonly group = `gateway-intent-events-${randomUUID()}`;
  private readonly byIntent = new Map<string, Set<IntentEventStream>>();
  private readonly perUser = new Map<string, number>();

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly metrics: MetricsRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    await consumeMessages(this.bus, {
      group: this.group,
      topics: [TOPICS.intentEvents],
      startFrom: 'latest',
      ephemeral: true,
      // The envelope's aggregate is the intent (the ledger keys its events by it).
      accept: (raw) => {
        const intentId = (raw as { aggregateId?: unknown }).aggregateId;
        return typeof intentId !== 'string' || this.byIntent.has(intentId);
      },
      handlers: { IntentStateChanged: async (message) => this.fanOut(message) },
    });
  }

  /**
   * Ends every open stream: an HTTP server closes only once its responses have ended, so
   * open streams would otherwise hold up the shutdown (the clients reconnect elsewhere).
   */
  onModuleDestroy(): void {
    for (const streams of [...this.byIntent.values()]) for (const stream of [...streams]) stream.end();
  }

  /**
   * A stream of the intent for the user, registered at once so that no transition is missed
   * while its current view is read; refused (429 RATE_LIMITED) when the user already holds
   * STREAMS_PER_USER here. Its slot is freed when it ends, however it ends.
   */
  open(intentId: string, userId: string, response: GatewayResponse): IntentEventStream {
    const held = this.perUser.get(userId) ?? 0;
    if (held >= this.config.streamsPerUser) {
      this.metrics.streamRefused();
      throw new ApiError(
        'RATE_LIMITED',
        `at most ${this.config.streamsPerUser} event streams open at once; close one first`,
        { retryAfterSeconds: RETRY_AFTER_SECONDS },
        { 'Retry-After': String(RETRY_AFTER_SECONDS) },
      );
    }
    const stream = new IntentEventStream(intentId, userId, response, (ended) => this.release(ended));
    this.perUser.set(userId, held + 1);
    const streams = this.byIntent.get(intentId) ?? new Set<IntentEventStream>();
    streams.add(stream);
    this.byIntent.set(intentId, streams);
    this.metrics.streamOpened();
    return stream;
  }

  /** How many streams are open here (tests, and the console's own checks). */
  openCount(): number {
    let count = 0;
    for (const streams of this.byIntent.values()) count += streams.size;
    return count;
  }

  private fanOut(message: Message<'IntentStateChanged'>): void {
    const { intent, sequence } = message.payload;
    for (const stream of [...(this.byIntent.get(intent.id) ?? [])]) stream.offer({ intent, sequence });
  }

  private release(stream: IntentEventStream): void {
    const streams = this.byIntent.get(stream.intentId);
    if (!streams?.delete(stream)) return;
    if (streams.size === 0) this.byIntent.delete(stream.intentId);
    const held = (this.perUser.get(stream.userId) ?? 1) - 1;
    if (held <= 0) this.perUser.delete(stream.userId);
    else this.perUser.set(stream.userId, held);
    this.metrics.streamClosed();
  }
}
