import { OutboxBatch } from '../outbox/outbox-relay';
import { AppendOutcome, StreamLine, StreamStore } from './stream-store.port';

const clone = <T>(value: T): T => structuredClone(value);
export const lineKey = (stream: string, seq: number): string => `${stream}#${String(seq).padStart(10, '0')}`;

/**
 * The in-memory twin of the stream store (the embedded default): the same answers as the
 * MongoDB adapter, with copies in and out so callers never alias stored lines.
 */
export class InMemoryStreamStore<S> implements StreamStore<S> {
  private readonly streams = new Map<string, StreamLine<S>[]>();
  private readonly ops = new Map<string, StreamLine<S>>();
  /** Keys of lines whose outbox is not relayed yet, in write order. */
  private readonly pending = new Map<string, StreamLine<S>>();

  async head(stream: string): Promise<StreamLine<S> | undefined> {
    return this.latest(stream);
  }

  async latest(stream: string): Promise<StreamLine<S> | undefined> {
    const lines = this.streams.get(stream);
    return lines && lines.length > 0 ? clone(lines[lines.length - 1]) : undefined;
  }

  async line(stream: string, seq: number): Promise<StreamLine<S> | undefined> {
    const found = this.streams.get(stream)?.[seq - 1];
    return found ? clone(found) : undefined;
  }

  async append(line: StreamLine<S>): Promise<AppendOutcome<S>> {
    if (line.op?.startsWith('@')) throw new RangeError(`op ${line.op}: names starting with '@' are reserved`);
    const lines = this.streams.get(line.stream) ?? [];
    if (!Number.isSafeInteger(line.seq) || line.seq < 1 || line.seq > lines.length + 1) {
      if (line.seq > lines.length + 1) throw new RangeError(`stream ${line.stream}: line ${line.seq} would leave a gap`);
      throw new RangeError(`stream ${line.stream}: bad line number ${line.seq}`);
    }
    if (line.seq <= lines.length) return { kind: 'conflict', current: clone(lines[line.seq - 1]) };
    const opKey = line.op === undefined ? undefined : `${line.stream}#${line.op}`;
    const recorded = opKey === undefined ? undefined : this.ops.get(opKey);
    if (recorded) return { kind: 'duplicate', line: clone(recorded) };
    const stored = clone(line);
    lines.push(stored);
    this.streams.set(line.stream, lines);
    if (opKey !== undefined) this.ops.set(opKey, stored);
    if (stored.outbox.length > 0) this.pending.set(lineKey(line.stream, line.seq), stored);
    return { kind: 'appended', line: clone(stored) };
  }

  async findOp(stream: string, op: string): Promise<StreamLine<S> | undefined> {
    const found = this.ops.get(`${stream}#${op}`);
    return found ? clone(found) : undefined;
  }

  async lines(stream: string): Promise<StreamLine<S>[]> {
    return clone(this.streams.get(stream) ?? []);
  }

  /** The latest line of every stream (queries of the in-memory repositories). */
  heads(): StreamLine<S>[] {
    return [...this.streams.values()].filter((lines) => lines.length > 0).map((lines) => clone(lines[lines.length - 1]));
  }

  async pendingOutbox(limit: number, writtenBefore?: Date): Promise<OutboxBatch[]> {
    const cutoff = writtenBefore?.toISOString();
    const batches: OutboxBatch[] = [];
    for (const [key, line] of this.pending) {
      if (batches.length >= limit) break;
      if (cutoff !== undefined && line.at >= cutoff) continue;
      batches.push({ documentId: key, entries: line.outbox.map((message) => ({ id: message.envelope.messageId, message: clone(message) })) });
    }
    return batches;
  }

  async markRelayed(documentId: string): Promise<void> {
    this.pending.delete(documentId);
  }
}
