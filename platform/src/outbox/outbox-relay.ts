import { Logger } from '@nestjs/common';
import { MessageBus, OutgoingMessage } from '../messaging/message-bus.port';
import { outboxMetrics } from '../metrics/platform-metrics';

/** An outgoing message stored with the change that caused it. */
export interface OutboxEntry {
  id: string;
  message: OutgoingMessage;
}

/** The messages of one stored change (a stream line or a document), relayed together. */
export interface OutboxBatch {
  documentId: string;
  entries: OutboxEntry[];
}

/** A store whose writes carry an outbox. */
export interface OutboxSource {
  /** Batches not marked relayed yet; with `writtenBefore`, only those written earlier. */
  pendingOutbox(limit: number, writtenBefore?: Date): Promise<OutboxBatch[]>;
  markRelayed(documentId: string, entryIds: string[]): Promise<void>;
}

export interface OutboxRelayOptions {
  /** How often the safety-net pass looks for batches nobody relayed. */
  intervalMs?: number;
  /**
   * The pass leaves batches younger than this to the writer that is relaying them right now
   * (a duplicate publish would be harmless, only wasteful).
   */
  graceMs?: number;
}

/**
 * Relays outboxes to the bus: publish, then mark relayed. A crash in between republishes,
 * which consumers absorb (they are idempotent). The writer relays what it just wrote
 * (`relayNow`), so nothing waits for a timer; a periodic pass is the safety net for
 * batches whose writer crashed or could not reach the bus.
 */
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private readonly intervalMs: number;
  private readonly graceMs: number;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;

  constructor(
    private readonly bus: MessageBus,
    private readonly sources: OutboxSource[],
    options: OutboxRelayOptions = {},
  ) {
    // Only a safety net (writers relay their own writes at once), and each pass is a query of
    // every source: rare enough not to load an idle database.
    this.intervalMs = options.intervalMs ?? 5_000;
    this.graceMs = options.graceMs ?? 1_000;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.kick(), this.intervalMs);
    this.timer.unref();
    void this.kick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /**
   * Publishes the messages a write just produced and marks them relayed. A failure is left
   * to the periodic pass: the messages are safe in the store. Resolves false then.
   */
  async relayNow(source: OutboxSource, documentId: string, messages: OutgoingMessage[]): Promise<boolean> {
    if (messages.length === 0) return true;
    const started = performance.now();
    try {
      await this.bus.publish(messages);
      await source.markRelayed(
        documentId,
        messages.map((message) => message.envelope.messageId),
      );
      outboxMetrics.relayed('write', (performance.now() - started) / 1000);
      return true;
    } catch (error) {
      outboxMetrics.relayFailed('write');
      this.logger.warn(`relaying ${documentId} failed, the periodic pass will retry: ${describe(error)}`);
      return false;
    }
  }

  /** `relayNow` for a batch: the messages saved with one change. */
  relayBatch(source: OutboxSource, batch: OutboxBatch): Promise<boolean> {
    return this.relayNow(
      source,
      batch.documentId,
      batch.entries.map((entry) => entry.message),
    );
  }

  /** Requests a safety-net pass; coalesces with one already running. */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.pass();
      } catch (error) {
        outboxMetrics.relayFailed('pass');
        this.logger.warn(`relay pass failed, will retry: ${describe(error)}`);
      }
    } while (this.again);
  }

  private async pass(): Promise<void> {
    const writtenBefore = new Date(Date.now() - this.graceMs);
    for (const source of this.sources) {
      // The backlog: batches older than the grace period that their writer did not relay.
      let found = 0;
      for (;;) {
        const batches = await source.pendingOutbox(100, writtenBefore);
        found += batches.length;
        if (batches.length === 0) break;
        for (const batch of batches) {
          const started = performance.now();
          await this.bus.publish(batch.entries.map((entry) => entry.message));
          await source.markRelayed(
            batch.documentId,
            batch.entries.map((entry) => entry.id),
          );
          outboxMetrics.relayed('pass', (performance.now() - started) / 1000);
        }
        if (batches.length < 100) break;
      }
      outboxMetrics.backlog(source.constructor.name, found);
    }
  }
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));
