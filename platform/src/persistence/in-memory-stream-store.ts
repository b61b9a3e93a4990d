import { OutgoingMessage } from '../messaging/message-bus.port';
import { OutboxBatch } from '../outbox/outbox-relay';
import { frozenCopy } from './immutable';
import { AppendOutcome, StreamLine, StreamStore } from './stream-store.port';

export const lineKey = (stream: string, seq: number): string => `${stream}#${String(seq).padStart(10, '0')}`;

export interface InMemoryStreamStoreOptions<S> {
  /**
   * The streams still in progress, kept in an index of their own (as the MongoDB adapter's
   * live records): sweeps read `liveHeads()`, not every stream ever written.
   */
  live?: (state: S) => boolean;
}

/** The outbox of every relayed line. */
const NO_MESSAGES: OutgoingMessage[] = [];
Object.freeze(NO_MESSAGES);

/**
 * The in-memory twin of the stream store (the embedded default): the same answers as the
 * MongoDB adapter. Stored lines are frozen and handed out as they are: a line costs only
 * what changed since the line before it (see frozenCopy), and a read copies nothing. Once
 * relayed, a line's outbox is let go: nothing reads a relayed outbox again, and a
 * long-running process must not keep every message it ever sent.
 */
export class InMemoryStreamStore<S> implements StreamStore<S> {
  private readonly streams = new Map<string, StreamLine<S>[]>();
  private readonly ops = new Map<string, StreamLine<S>>();
  /** Lines whose outbox is not relayed yet, by line key, in write order. */
  private readonly pending = new Map<string, StreamLine<S>>();
  private readonly liveStreams = new Set<string>();
  private readonly live?: (state: S) => boolean;

  constructor(options: InMemoryStreamStoreOptions<S> = {}) {
    this.live = options.live;
  }

  async head(stream: string): Promise<StreamLine<S> | undefined> {
    return this.latest(stream);
  }

  async latest(stream: string): Promise<StreamLine<S> | undefined> {
    const lines = this.streams.get(stream);
    return lines?.[lines.length - 1];
  }

  async line(stream: string, seq: number): Promise<StreamLine<S> | undefined> {
    return this.streams.get(stream)?.[seq - 1];
  }

  async append(line: StreamLine<S>): Promise<AppendOutcome<S>> {
    if (line.op?.startsWith('@')) throw new RangeError(`op ${line.op}: names starting with '@' are reserved`);
    const lines = this.streams.get(line.stream) ?? [];
    if (!Number.isSafeInteger(line.seq) || line.seq < 1 || line.seq > lines.length + 1) {
      if (line.seq > lines.length + 1) throw new RangeError(`stream ${line.stream}: line ${line.seq} would leave a gap`);
      throw new RangeError(`stream ${line.stream}: bad line number ${line.seq}`);
    }
    if (line.seq <= lines.length) return { kind: 'conflict', current: lines[line.seq - 1] };
    const opKey = line.op === undefined ? undefined : `${line.stream}#${line.op}`;
    const recorded = opKey === undefined ? undefined : this.ops.get(opKey);
    if (recorded) return { kind: 'duplicate', line: recorded };
    const stored = frozenCopy(line);
    lines.push(stored);
    this.streams.set(line.stream, lines);
    if (opKey !== undefined) this.ops.set(opKey, stored);
    if (stored.outbox.length > 0) this.pending.set(lineKey(line.stream, line.seq), stored);
    if (this.live?.(stored.state)) this.liveStreams.add(line.stream);
    else this.liveStreams.delete(line.stream);
    return { kind: 'appended', line: stored };
  }

  async findOp(stream: string, op: string): Promise<StreamLine<S> | undefined> {
    return this.ops.get(`${stream}#${op}`);
  }

  async lines(stream: string): Promise<StreamLine<S>[]> {
    return [...(this.streams.get(stream) ?? [])];
  }

  /** The latest line of every stream (queries of the in-memory repositories). */
  heads(): StreamLine<S>[] {
    return [...this.streams.values()].filter((lines) => lines.length > 0).map((lines) => lines[lines.length - 1]);
  }

  /** The latest line of every stream in progress (see the `live` option); none without it. */
  liveHeads(): StreamLine<S>[] {
    const heads: StreamLine<S>[] = [];
    for (const stream of this.liveStreams) {
      const lines = this.streams.get(stream);
      if (lines) heads.push(lines[lines.length - 1]);
    }
    return heads;
  }

  async pendingOutbox(limit: number, writtenBefore?: Date): Promise<OutboxBatch[]> {
    const cutoff = writtenBefore?.toISOString();
    const batches: OutboxBatch[] = [];
    for (const [key, line] of this.pending) {
      if (batches.length >= limit) break;
      if (cutoff !== undefined && line.at >= cutoff) continue;
      batches.push({ documentId: key, entries: line.outbox.map((message) => ({ id: message.envelope.messageId, message })) });
    }
    return batches;
  }

  async markRelayed(documentId: string): Promise<void> {
    const line = this.pending.get(documentId);
    if (!line) return;
    this.pending.delete(documentId);
    const relayed = Object.freeze({ ...line, outbox: NO_MESSAGES });
    const lines = this.streams.get(line.stream);
    if (lines?.[line.seq - 1] === line) lines[line.seq - 1] = relayed;
    if (line.op !== undefined && this.ops.get(`${line.stream}#${line.op}`) === line) this.ops.set(`${line.stream}#${line.op}`, relayed);
  }
}
