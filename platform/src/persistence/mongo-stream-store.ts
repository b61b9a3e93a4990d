import { randomUUID } from 'node:crypto';
import { Connection, mongo } from 'mongoose';
import { OutgoingMessage } from '../messaging/message-bus.port';
import { OutboxBatch } from '../outbox/outbox-relay';
import { InsertBatcher } from './insert-batcher';
import { lineKey } from './in-memory-stream-store';
import { isDuplicateKey, nativeCollection, syncIndexes } from './mongo-support';
import { AppendOutcome, StreamLine, StreamStore } from './stream-store.port';

interface LineRecord<S> {
  /** `<stream>#<seq, 10 digits>`: the unique (stream, seq) that makes an append atomic. */
  _id: string;
  stream: string;
  seq: number;
  /** `<stream>#<op>` (or `<stream>#@<seq>` when the line names none), under a unique index. */
  op: string;
  state: S;
  outbox: OutgoingMessage[];
  at: string;
  /** A nonce per append call: tells our own insert, retried by the driver, from a rival's. */
  writer: string;
}

/** The head cache of a stream, plus top-level copies of the fields queries filter on. */
type HeadRecord<S> = { _id: string; seq: number; state: S; at: string } & Record<string, unknown>;

/** A line whose outbox is not relayed yet: `_id` is the line's. */
interface PendingRecord {
  _id: string;
  at: string;
}

type IndexSpec = { fields: Record<string, 1 | -1>; options?: { unique?: boolean; name?: string } };

export interface MongoStreamStoreOptions<S> {
  /** Fields copied from the state onto the head record, for the repository's queries. */
  headFields?: (state: S) => Record<string, unknown>;
  headIndexes?: IndexSpec[];
  /**
   * Streams still in progress: their latest line is kept in a small collection of its own
   * (`<name>_live`) rather than in the heads, so that sweeps read them, not every stream that
   * ever was (the test server filters ranges and `$in` by reading the whole collection), and
   * each line costs one record write. The head is written at the first line and at the end.
   */
  live?: (state: S) => boolean;
  liveIndexes?: IndexSpec[];
}

/** A marker older than this whose line never came belongs to a writer that lost or died. */
const ORPHAN_MARKER_MS = 60_000;
/** Streams whose last line this process remembers (see `recent`). */
const RECENT_STREAMS = 5_000;
/** Relayed lines' markers are deleted together, this often (one statement for many). */
const MARKER_SWEEP_MS = 100;

const opKey = (stream: string, op: string | undefined, seq: number): string => `${stream}#${op ?? `@${seq}`}`;

/**
 * The stream store on MongoDB, with inserts as the only atomic step (see StreamStore): a
 * line is one document whose `_id` is (stream, seq) and whose `op` is unique, so of two
 * writers of the same next line exactly one wins, and an operation lands once.
 *
 * Around the lines, caches and markers, none of which correctness rests on:
 * - the head record of each stream, written after each append; a stale one only costs a
 *   writer a lost race, and a lost race (or `latest()`) repairs it;
 * - a pending marker per line with an outbox, inserted before the line and deleted once the
 *   outbox is relayed, so the relay's safety net reads a handful of markers rather than every
 *   line (a writer that loses the line never deletes the marker: it may be the winner's);
 * - optionally the live records of streams still in progress, for sweeps;
 * - in memory, the last line this process wrote or read of recent streams, where its writers
 *   start: the messages of one aggregate are consumed by one instance at a time, so a write
 *   usually needs no read at all, and a line from memory that lags only loses a race.
 * Reads go by `_id` or another indexed field, by equality: the test server (FerretDB) pushes
 * no other filter down to its storage.
 */
export class MongoStreamStore<S> implements StreamStore<S> {
  private readonly remembered = new Map<string, StreamLine<S>>();
  private readonly lineInserts: InsertBatcher<LineRecord<S>>;
  private readonly markerInserts: InsertBatcher<PendingRecord>;
  private readonly relayedMarkers = new Set<string>();
  private markerSweep?: NodeJS.Timeout;

  private constructor(
    private readonly lineRecords: mongo.Collection<LineRecord<S>>,
    private readonly headRecords: mongo.Collection<HeadRecord<S>>,
    private readonly pendingRecords: mongo.Collection<PendingRecord>,
    private readonly liveRecords: mongo.Collection<HeadRecord<S>>,
    private readonly options: MongoStreamStoreOptions<S>,
  ) {
    // Concurrent appends (of other streams) share their round trips to the server.
    this.lineInserts = new InsertBatcher(lineRecords);
    this.markerInserts = new InsertBatcher(pendingRecords);
  }

  /** Lines in collection `name`, heads in `name_heads`; indexes are created here. */
  static async create<S>(connection: Connection, name: string, options: MongoStreamStoreOptions<S> = {}): Promise<MongoStreamStore<S>> {
    // In parallel: a restarted instance is back sooner.
    await Promise.all([
      syncIndexes(connection, name, [{ fields: { op: 1 }, options: { unique: true } }, { fields: { stream: 1, seq: 1 } }]),
      syncIndexes(connection, `${name}_heads`, options.headIndexes ?? []),
      syncIndexes(connection, `${name}_pending`, [{ fields: { at: 1 } }]),
      options.live ? syncIndexes(connection, `${name}_live`, options.liveIndexes ?? []) : undefined,
    ]);
    return new MongoStreamStore<S>(
      nativeCollection<LineRecord<S>>(connection, name),
      nativeCollection<HeadRecord<S>>(connection, `${name}_heads`),
      nativeCollection<PendingRecord>(connection, `${name}_pending`),
      nativeCollection<HeadRecord<S>>(connection, `${name}_live`),
      options,
    );
  }

  /**
   * The head records, for the owning repository's queries (eventually consistent). With the
   * `live` option, a stream in progress has its first line here and its latest in `live`.
   */
  get heads(): mongo.Collection<HeadRecord<S>> {
    return this.headRecords;
  }

  /** The head records of the streams in progress (see the options), for sweeps. */
  get live(): mongo.Collection<HeadRecord<S>> {
    return this.liveRecords;
  }

  /** The line a head record caches. */
  headLine(record: HeadRecord<S>): StreamLine<S> {
    return { stream: record._id, seq: record.seq, state: record.state, outbox: [], at: record.at };
  }

  async head(stream: string): Promise<StreamLine<S> | undefined> {
    // No head record: a new stream, or a crash right after the first insert (then the first
    // append answers `conflict` with that line, and repairs the head). A stream in progress
    // moves its live record, not its head: the newer of the two is where it stands.
    const [head, live] = await Promise.all([
      this.headRecords.findOne({ _id: stream }),
      this.options.live ? this.liveRecords.findOne({ _id: stream }) : undefined,
    ]);
    const newer = live && (!head || live.seq > head.seq) ? live : head;
    return newer ? this.headLine(newer) : undefined;
  }

  async recent(stream: string): Promise<StreamLine<S> | undefined> {
    const known = this.remembered.get(stream);
    if (known) return structuredClone(known);
    const head = await this.head(stream);
    if (head) this.remember(head);
    return head;
  }

  async latest(stream: string): Promise<StreamLine<S> | undefined> {
    const start = (await this.head(stream)) ?? (await this.line(stream, 1));
    const latest = start ? await this.walk(start) : undefined;
    if (latest) this.remember(latest);
    return latest;
  }

  async line(stream: string, seq: number): Promise<StreamLine<S> | undefined> {
    const record = await this.lineRecords.findOne({ _id: lineKey(stream, seq) });
    return record ? toLine(record) : undefined;
  }

  async append(line: StreamLine<S>): Promise<AppendOutcome<S>> {
    if (line.op?.startsWith('@')) throw new RangeError(`op ${line.op}: names starting with '@' are reserved`);
    if (!Number.isSafeInteger(line.seq) || line.seq < 1) throw new RangeError(`stream ${line.stream}: bad line number ${line.seq}`);
    const record: LineRecord<S> = {
      _id: lineKey(line.stream, line.seq),
      stream: line.stream,
      seq: line.seq,
      op: opKey(line.stream, line.op, line.seq),
      state: line.state,
      outbox: line.outbox,
      at: line.at,
      writer: randomUUID(),
    };
    if (line.outbox.length > 0) await this.markPending(record._id, line.at);
    if ((await this.lineInserts.insert(record)) === 'duplicate') {
      const outcome = await this.explainDuplicate(record);
      if (outcome.kind === 'conflict') {
        this.remember(outcome.current);
        // The line that won is newer than the head the caller started from: let the head say so.
        await this.writeHead(outcome.current);
      } else this.remembered.delete(line.stream);
      return outcome;
    }
    const appended = toLine(record);
    this.remember(appended);
    await this.writeHead(line);
    return { kind: 'appended', line: appended };
  }

  async findOp(stream: string, op: string): Promise<StreamLine<S> | undefined> {
    const record = await this.lineRecords.findOne({ op: opKey(stream, op, 0) });
    return record ? toLine(record) : undefined;
  }

  async lines(stream: string): Promise<StreamLine<S>[]> {
    return (await this.lineRecords.find({ stream }).sort({ seq: 1 }).toArray()).map(toLine);
  }

  async pendingOutbox(limit: number, writtenBefore?: Date): Promise<OutboxBatch[]> {
    const filter: mongo.Filter<PendingRecord> = writtenBefore ? { at: { $lt: writtenBefore.toISOString() } } : {};
    const markers = await this.pendingRecords.find(filter).limit(limit).toArray();
    const batches: OutboxBatch[] = [];
    for (const marker of markers) {
      if (this.relayedMarkers.has(marker._id)) continue;
      const record = await this.lineRecords.findOne({ _id: marker._id });
      if (record && record.outbox.length > 0) {
        batches.push({ documentId: record._id, entries: record.outbox.map((message) => ({ id: message.envelope.messageId, message })) });
      } else if (record || Date.parse(marker.at) < Date.now() - ORPHAN_MARKER_MS) {
        // The line has nothing to relay, or its writer lost the race or died before writing it.
        await this.pendingRecords.deleteOne({ _id: marker._id });
      }
    }
    return batches;
  }

  /**
   * The marker goes with the next sweep of relayed markers, within MARKER_SWEEP_MS: one
   * delete for all the lines relayed meanwhile. A crash before it only makes the relay's
   * periodic pass publish those lines again, which consumers absorb.
   */
  async markRelayed(documentId: string): Promise<void> {
    this.relayedMarkers.add(documentId);
    this.markerSweep ??= this.scheduleMarkerSweep();
  }

  /** Unref'd: a process that stops (or a connection closed under it) is not kept alive by it. */
  private scheduleMarkerSweep(): NodeJS.Timeout {
    return setTimeout(() => void this.deleteRelayedMarkers(), MARKER_SWEEP_MS).unref();
  }

  private async deleteRelayedMarkers(): Promise<void> {
    const ids = [...this.relayedMarkers];
    try {
      // FerretDB filters `$in` in its own process, over this small collection.
      await this.pendingRecords.deleteMany({ _id: { $in: ids } });
      for (const id of ids) this.relayedMarkers.delete(id);
    } catch {
      // Kept for the next sweep; meanwhile the periodic pass may relay them again (harmless).
    } finally {
      this.markerSweep = undefined;
      if (this.relayedMarkers.size > 0) this.markerSweep = this.scheduleMarkerSweep();
    }
  }

  /** Remembers the newest line seen of a stream, for `recent`; the oldest streams are forgotten. */
  private remember(line: StreamLine<S>): void {
    const known = this.remembered.get(line.stream);
    if (known && known.seq >= line.seq) return;
    this.remembered.delete(line.stream);
    this.remembered.set(line.stream, structuredClone({ ...line, outbox: [] }));
    if (this.remembered.size > RECENT_STREAMS) this.remembered.delete(this.remembered.keys().next().value as string);
  }

  /** Which unique key refused the insert: the (stream, seq) slot, or the op. */
  private async explainDuplicate(record: LineRecord<S>): Promise<AppendOutcome<S>> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const there = await this.lineRecords.findOne({ _id: record._id });
      // Our own line, when the driver retried an insert whose acknowledgement was lost.
      if (there && there.writer === record.writer) return { kind: 'appended', line: toLine(there) };
      if (there) return { kind: 'conflict', current: toLine(there) };
      const prior = await this.lineRecords.findOne({ op: record.op });
      if (prior) return { kind: 'duplicate', line: toLine(prior) };
    }
    throw new Error(`line ${record._id}: refused as a duplicate, yet neither its slot nor its op is taken`);
  }

  /** Follows the lines written after `from`, and repairs the head cache if it lagged. */
  private async walk(from: StreamLine<S>): Promise<StreamLine<S>> {
    let current = from;
    for (;;) {
      const next = await this.line(current.stream, current.seq + 1);
      if (!next) break;
      current = next;
    }
    if (current.seq !== from.seq) await this.writeHead(current);
    return current;
  }

  /** Two writers of one line insert the same marker: the second insert is a no-op. */
  private async markPending(id: string, at: string): Promise<void> {
    await this.markerInserts.insert({ _id: id, at });
  }

  /**
   * Moves the stream's record forward, never back: one write that replaces an older record or
   * creates a missing one, and fails on a newer one. A stream in progress (see `live`) moves
   * its live record only, past its first line: one write per line rather than two, and its
   * head catches up when it ends. (The server checks the filter and writes in two steps, so a
   * concurrent pair can still leave an older record, which the next lost race or `latest()`
   * repairs; readers that must be exact use `latest()`.)
   */
  private async writeHead(line: StreamLine<S>): Promise<void> {
    const fields = this.options.headFields?.(line.state) ?? {};
    const head: HeadRecord<S> = { ...fields, _id: line.stream, seq: line.seq, state: line.state, at: line.at };
    const inProgress = this.options.live?.(line.state) ?? false;
    if (inProgress && line.seq > 1) {
      await moveForward(this.liveRecords, head);
      return;
    }
    if (!(await moveForward(this.headRecords, head))) return;
    if (!this.options.live) return;
    if (inProgress) await moveForward(this.liveRecords, head);
    else await this.liveRecords.deleteOne({ _id: line.stream });
  }
}

/**
 * Replaces the record if it is older than `record`, creates it if missing; false when a
 * record at the same or a later line is there (the upsert's insert then hits its `_id`).
 */
async function moveForward<S>(collection: mongo.Collection<HeadRecord<S>>, record: HeadRecord<S>): Promise<boolean> {
  try {
    await collection.replaceOne({ _id: record._id, seq: { $lt: record.seq } } as mongo.Filter<HeadRecord<S>>, record, { upsert: true });
    return true;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return false;
  }
}

function toLine<S>(record: LineRecord<S>): StreamLine<S> {
  const op = record.op.slice(record.stream.length + 1);
  const line: StreamLine<S> = { stream: record.stream, seq: record.seq, state: record.state, outbox: record.outbox, at: record.at };
  if (!op.startsWith('@')) line.op = op;
  return line;
}
