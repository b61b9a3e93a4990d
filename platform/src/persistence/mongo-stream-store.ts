import { randomUUID } from 'node:crypto';
import { Connection, mongo } from 'mongoose';
import { OutgoingMessage } from '../messaging/message-bus.port';
import { OutboxBatch } from '../outbox/outbox-relay';
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
  relayed: boolean;
  at: string;
  /** A nonce per append call: tells our own insert, retried by the driver, from a rival's. */
  writer: string;
}

/** The head cache of a stream, plus top-level copies of the fields queries filter on. */
type HeadRecord<S> = { _id: string; seq: number; state: S; at: string } & Record<string, unknown>;

type IndexSpec = { fields: Record<string, 1 | -1>; options?: { unique?: boolean; name?: string } };

export interface MongoStreamStoreOptions<S> {
  /** Fields copied from the state onto the head record, for the repository's queries. */
  headFields?: (state: S) => Record<string, unknown>;
  headIndexes?: IndexSpec[];
}

const opKey = (stream: string, op: string | undefined, seq: number): string => `${stream}#${op ?? `@${seq}`}`;

/**
 * The stream store on MongoDB, with inserts as the only atomic step (see StreamStore): a
 * line is one document whose `_id` is (stream, seq) and whose `op` is unique, so of two
 * writers of the same next line exactly one wins, and an operation lands once. The head
 * record is a cache written after each append; a stale head only costs a writer a lost race,
 * and `latest()` repairs it. Reads go by `_id` wherever they can: the test server (FerretDB
 * over SQLite) uses no index for other filters.
 */
export class MongoStreamStore<S> implements StreamStore<S> {
  private constructor(
    private readonly lineRecords: mongo.Collection<LineRecord<S>>,
    private readonly headRecords: mongo.Collection<HeadRecord<S>>,
    private readonly headFields: (state: S) => Record<string, unknown>,
  ) {}

  /** Lines in collection `name`, heads in `name_heads`; indexes are created here. */
  static async create<S>(connection: Connection, name: string, options: MongoStreamStoreOptions<S> = {}): Promise<MongoStreamStore<S>> {
    await syncIndexes(connection, name, [
      { fields: { op: 1 }, options: { unique: true } },
      { fields: { stream: 1, seq: 1 } },
      { fields: { relayed: 1, at: 1 } },
    ]);
    await syncIndexes(connection, `${name}_heads`, options.headIndexes ?? []);
    return new MongoStreamStore<S>(
      nativeCollection<LineRecord<S>>(connection, name),
      nativeCollection<HeadRecord<S>>(connection, `${name}_heads`),
      options.headFields ?? (() => ({})),
    );
  }

  /** The head records, for the owning repository's queries (eventually consistent). */
  get heads(): mongo.Collection<HeadRecord<S>> {
    return this.headRecords;
  }

  /** The line a head record caches. */
  headLine(record: HeadRecord<S>): StreamLine<S> {
    return { stream: record._id, seq: record.seq, state: record.state, outbox: [], at: record.at };
  }

  async head(stream: string): Promise<StreamLine<S> | undefined> {
    const head = await this.headRecords.findOne({ _id: stream });
    if (head) return this.headLine(head);
    // No head yet (a crash right after the first insert): walk from the first line.
    const first = await this.line(stream, 1);
    return first ? this.walk(first) : undefined;
  }

  async latest(stream: string): Promise<StreamLine<S> | undefined> {
    const head = await this.head(stream);
    return head ? this.walk(head) : undefined;
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
      relayed: line.outbox.length === 0,
      at: line.at,
      writer: randomUUID(),
    };
    try {
      await this.lineRecords.insertOne(record);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return this.explainDuplicate(record);
    }
    await this.writeHead(line);
    return { kind: 'appended', line: toLine(record) };
  }

  async findOp(stream: string, op: string): Promise<StreamLine<S> | undefined> {
    const record = await this.lineRecords.findOne({ op: opKey(stream, op, 0) });
    return record ? toLine(record) : undefined;
  }

  async lines(stream: string): Promise<StreamLine<S>[]> {
    return (await this.lineRecords.find({ stream }).sort({ seq: 1 }).toArray()).map(toLine);
  }

  async pendingOutbox(limit: number, writtenBefore?: Date): Promise<OutboxBatch[]> {
    const filter: mongo.Filter<LineRecord<S>> = { relayed: false };
    if (writtenBefore) filter.at = { $lt: writtenBefore.toISOString() };
    const records = await this.lineRecords.find(filter, { projection: { outbox: 1 } }).limit(limit).toArray();
    return records.map((record) => ({
      documentId: record._id,
      entries: record.outbox.map((message) => ({ id: message.envelope.messageId, message })),
    }));
  }

  async markRelayed(documentId: string): Promise<void> {
    // Lines are otherwise immutable, and every writer of this flag writes the same value.
    await this.lineRecords.updateOne({ _id: documentId }, { $set: { relayed: true } });
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

  private async writeHead(line: StreamLine<S>): Promise<void> {
    const record: HeadRecord<S> = { ...this.headFields(line.state), _id: line.stream, seq: line.seq, state: line.state, at: line.at };
    try {
      await this.headRecords.replaceOne({ _id: line.stream }, record, { upsert: true });
    } catch (error) {
      // Two first writers upserting at once: the other one created it; ours is a cache write.
      if (!isDuplicateKey(error)) throw error;
      await this.headRecords.replaceOne({ _id: line.stream }, record);
    }
  }
}

function toLine<S>(record: LineRecord<S>): StreamLine<S> {
  const op = record.op.slice(record.stream.length + 1);
  const line: StreamLine<S> = { stream: record.stream, seq: record.seq, state: record.state, outbox: record.outbox, at: record.at };
  if (!op.startsWith('@')) line.op = op;
  return line;
}
