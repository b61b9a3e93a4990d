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
  /**
   * false: keep of each stream only what the store's answers rest on: its latest line, the
   * lines that recorded an operation (findOp and duplicates answer them) and the lines whose
   * outbox is not relayed yet; any other line goes once a newer one supersedes it, and
   * `line`/`lines` answer from the lines kept (a long-running embedded process keeps the
   * state of its aggregates, not their every version). Default true: every line, as MongoDB.
   */
  retainHistory?: boolean;
  /** Told the first line of each new stream: the owning repository's own indexes. */
  created?: (first: StreamLine<S>) => void;
}

/** The outbox of every relayed line. */
const NO_MESSAGES: OutgoingMessage[] = [];
Object.freeze(NO_MESSAGES);

/** The index of line `seq` in lines sorted by seq, or -1. */
function indexOfSeq<S>(lines: readonly StreamLine<S>[], seq: number): number {
  if (lines[seq - 1]?.seq === seq) return seq - 1;
  let low = 0;
  let high = lines.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = lines[middle].seq;
    if (at === seq) return middle;
    if (at < seq) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * The in-memory twin of the stream store (the embedded default): the same answers as the
 * MongoDB adapter. Stored lines are frozen and handed out as they are: a line costs only
 * what changed since the line before it (see frozenCopy), and a read copies nothing. Once
 * relayed, a line's outbox is let go: nothing reads a relayed outbox again, and a
 * long-running process must not keep every message it ever sent.
 */
export class InMemoryStreamStore<S> implements StreamStore<S> {
  /** The lines kept of each stream, by ascending seq: the last one is the latest. */
  private readonly streams = new Map<string, StreamLine<S>[]>();
  /** stream → op → the line that recorded it. */
  private readonly ops = new Map<string, Map<string, StreamLine<S>>>();
  /** Lines whose outbox is not relayed yet, by line key, in write order. */
  private readonly pending = new Map<string, StreamLine<S>>();
  private readonly liveStreams = new Set<string>();
  private readonly live?: (state: S) => boolean;
  private readonly retainHistory: boolean;
  private readonly created?: (first: StreamLine<S>) => void;

  constructor(options: InMemoryStreamStoreOptions<S> = {}) {
    this.live = options.live;
    this.retainHistory = options.retainHistory ?? true;
    this.created = options.created;
  }

  async head(stream: string): Promise<StreamLine<S> | undefined> {
    return this.latest(stream);
  }

  async latest(stream: string): Promise<StreamLine<S> | undefined> {
    return this.current(stream);
  }

  async line(stream: string, seq: number): Promise<StreamLine<S> | undefined> {
    const lines = this.streams.get(stream);
    const index = lines ? indexOfSeq(lines, seq) : -1;
    return index >= 0 ? lines?.[index] : undefined;
  }

  async append(line: StreamLine<S>): Promise<AppendOutcome<S>> {
    if (line.op?.startsWith('@')) throw new RangeError(`op ${line.op}: names starting with '@' are reserved`);
    const lines = this.streams.get(line.stream) ?? [];
    const latest = lines[lines.length - 1];
    const end = latest?.seq ?? 0;
    if (!Number.isSafeInteger(line.seq) || line.seq < 1) throw new RangeError(`stream ${line.stream}: bad line number ${line.seq}`);
    if (line.seq > end + 1) throw new RangeError(`stream ${line.stream}: line ${line.seq} would leave a gap`);
    // A line no longer kept was superseded: deciding again from the latest is what the loser does anyway.
    if (line.seq <= end) return { kind: 'conflict', current: lines[indexOfSeq(lines, line.seq)] ?? latest };
    const recorded = line.op === undefined ? undefined : this.ops.get(line.stream)?.get(line.op);
    if (recorded) return { kind: 'duplicate', line: recorded };
    const stored = frozenCopy(line);
    lines.push(stored);
    this.streams.set(line.stream, lines);
    if (stored.op !== undefined) this.recordOp(stored.op, stored);
    if (stored.outbox.length > 0) this.pending.set(lineKey(line.stream, line.seq), stored);
    if (latest && this.disposable(latest)) lines.splice(lines.length - 2, 1);
    if (this.live?.(stored.state)) this.liveStreams.add(line.stream);
    else this.liveStreams.delete(line.stream);
    if (stored.seq === 1) this.created?.(stored);
    return { kind: 'appended', line: stored };
  }

  async findOp(stream: string, op: string): Promise<StreamLine<S> | undefined> {
    return this.ops.get(stream)?.get(op);
  }

  async lines(stream: string): Promise<StreamLine<S>[]> {
    return [...(this.streams.get(stream) ?? [])];
  }

  /** The latest line of a stream, read synchronously (queries of the in-memory repositories). */
  current(stream: string): StreamLine<S> | undefined {
    const lines = this.streams.get(stream);
    return lines?.[lines.length - 1];
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
    const lines = this.streams.get(line.stream) ?? [];
    const index = indexOfSeq(lines, line.seq);
    if (index < 0) return;
    if (index < lines.length - 1 && this.disposable(line)) {
      lines.splice(index, 1);
      return;
    }
    const relayed = Object.freeze({ ...line, outbox: NO_MESSAGES });
    lines[index] = relayed;
    if (relayed.op !== undefined) this.recordOp(relayed.op, relayed);
  }

  private recordOp(op: string, line: StreamLine<S>): void {
    const ops = this.ops.get(line.stream);
    if (ops) ops.set(op, line);
    else this.ops.set(line.stream, new Map([[op, line]]));
  }

  /** Whether a superseded line may go: history not retained, no operation, outbox relayed. */
  private disposable(line: StreamLine<S>): boolean {
    return !this.retainHistory && line.op === undefined && !this.pending.has(lineKey(line.stream, line.seq));
  }
}
