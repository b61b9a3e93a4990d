import { IntentStatus, IntentView, intentTransitionMark } from '@cashout/shared-contracts';
import { GatewayResponse } from '../http/request-context';

/** The statuses an intent never leaves: the stream ends once it has sent one. */
export const TERMINAL_STATUSES: ReadonlySet<IntentStatus> = new Set<IntentStatus>(['SUCCEEDED', 'FAILED', 'CANCELED', 'EXPIRED']);

/** A comment line every 15 s keeps proxies and load balancers from closing an idle stream. */
export const KEEP_ALIVE_MS = 15_000;

/** One transition as the intent events carry it: the intent's view after it, and its position. */
export interface IntentUpdate {
  sequence: number;
  intent: IntentView;
}

export interface StreamTimings {
  keepAliveMs: number;
  maxMs: number;
}

/**
 * One client's Server-Sent Events stream of one intent: `event: intent` with the whole view,
 * first the current one, then one per later transition. Updates may arrive before the current
 * view is read (the stream is registered first, so none is lost in between): they wait, and
 * only those newer than the view are sent, once, in order. It ends after a terminal status,
 * at its time limit, or when the client goes; `onEnd` runs exactly once in every case.
 */
export class IntentEventStream {
  private lastSequence = 0;
  private waiting: IntentUpdate[] | undefined = [];
  private started = false;
  private ended = false;
  private keepAlive?: NodeJS.Timeout;
  private deadline?: NodeJS.Timeout;

  constructor(
    readonly intentId: string,
    readonly userId: string,
    private readonly response: GatewayResponse,
    private readonly onEnd: (stream: IntentEventStream) => void,
  ) {}

  /** A transition of the intent, from the bus: sent if newer than the last one sent. */
  offer(update: IntentUpdate): void {
    if (this.ended) return;
    if (this.waiting) {
      this.waiting.push(update);
      return;
    }
    this.send(update);
  }

  /** Writes the headers and the current view, then what arrived meanwhile; starts the timers. */
  start(current: IntentView, timings: StreamTimings): void {
    if (this.ended) return;
    this.started = true;
    this.response.status(200);
    this.response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    // no-transform: a proxy must not buffer or compress the stream; no-store as every answer.
    this.response.setHeader('Cache-Control', 'no-store, no-transform');
    this.response.setHeader('X-Accel-Buffering', 'no');
    this.response.flushHeaders();
    const waiting = this.waiting ?? [];
    this.waiting = undefined;
    this.send({ intent: current, sequence: intentTransitionMark(current).sequence });
    for (const update of [...waiting].sort((a, b) => a.sequence - b.sequence)) this.send(update);
    if (this.ended) return;
    this.keepAlive = setInterval(() => this.write(': keep-alive\n\n'), timings.keepAliveMs);
    this.deadline = setTimeout(() => this.end(), timings.maxMs);
    this.keepAlive.unref();
    this.deadline.unref();
  }

  /**
   * Ends the response once it has started (before, it is left to the error answer) and
   * releases the stream's slot.
   */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.keepAlive);
    clearTimeout(this.deadline);
    if (this.started && !this.response.writableEnded) this.response.end();
    this.onEnd(this);
  }

  private send(update: IntentUpdate): void {
    if (this.ended || update.sequence <= this.lastSequence) return;
    this.lastSequence = update.sequence;
    this.write(`event: intent\ndata: ${JSON.stringify(update.intent)}\n\n`);
    if (TERMINAL_STATUSES.has(update.intent.status)) this.end();
  }

  private write(text: string): void {
    if (!this.ended && !this.response.writableEnded) this.response.write(text);
  }
}
