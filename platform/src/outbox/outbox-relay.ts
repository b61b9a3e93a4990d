import { Logger } from '@nestjs/common';
import { MessageBus, OutgoingMessage } from '../messaging/message-bus.port';

/** An outgoing message stored inside the document whose change caused it. */
export interface OutboxEntry {
  id: string;
  message: OutgoingMessage;
}

export interface OutboxBatch {
  documentId: string;
  entries: OutboxEntry[];
}

/** A repository whose documents carry an embedded outbox. */
export interface OutboxSource {
  pendingOutbox(limit: number): Promise<OutboxBatch[]>;
  markRelayed(documentId: string, entryIds: string[]): Promise<void>;
}

/**
 * Relays embedded outboxes to the bus: publish, then mark relayed. A crash in between
 * republishes on the next pass, which consumers absorb (they are idempotent). Runs on a
 * timer and on demand (`kick`) right after a write.
 */
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;

  constructor(
    private readonly bus: MessageBus,
    private readonly sources: OutboxSource[],
    private readonly intervalMs = 500,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => this.kick(), this.intervalMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Requests a pass; coalesces with one already running. */
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
        this.logger.warn(`relay pass failed, will retry: ${error instanceof Error ? error.message : String(error)}`);
      }
    } while (this.again);
  }

  private async pass(): Promise<void> {
    for (const source of this.sources) {
      for (;;) {
        const batches = await source.pendingOutbox(100);
        if (batches.length === 0) break;
        for (const batch of batches) {
          await this.bus.publish(batch.entries.map((entry) => entry.message));
          await source.markRelayed(batch.documentId, batch.entries.map((entry) => entry.id));
        }
      }
    }
  }
}
