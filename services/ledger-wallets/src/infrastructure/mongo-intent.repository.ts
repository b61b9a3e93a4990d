import { Connection, mongo } from 'mongoose';
import { OutboxBatch, OutboxEntry } from '@cashout/platform';
import { IntentPhase, IntentState, PUBLIC_PHASES } from '../domain/intent';
import { IntentDocument, IntentPage, IntentQuery, IntentRepository } from '../intent.repository.port';
import { DocumentLocks, isDuplicateKey, nativeCollection, pullOutboxEntries, syncIndexes } from '@cashout/platform';

/**
 * The state lives in one nested field so a write replaces it whole (`$set: {state}`):
 * fields the new state no longer has disappear, without listing them for `$unset`.
 */
interface IntentRecord {
  _id: string;
  version: number;
  state: IntentState;
  outbox: OutboxEntry[];
}

const INTENTS = 'intents';
/** Documents whose outbox is not empty (FerretDB answers this array-index path too). */
const HAS_OUTBOX: mongo.Filter<IntentRecord> = { 'outbox.0': { $exists: true } };

const encodeCursor = (state: IntentState) => Buffer.from(`${state.createdAt}|${state.id}`).toString('base64url');

function decodeCursor(cursor: string): { createdAt: string; id: string } | undefined {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  return createdAt && id ? { createdAt, id } : undefined;
}

const toDocument = (record: IntentRecord): IntentDocument => ({ ...record.state, version: record.version, outbox: record.outbox });

function toState(document: Omit<IntentDocument, 'outbox'> & { outbox?: unknown }): IntentState {
  const { version: _version, outbox: _outbox, ...state } = document;
  return state;
}

/** Intents on MongoDB: one document each, written with optimistic concurrency on `version`. */
export class MongoIntentRepository implements IntentRepository {
  private readonly locks = new DocumentLocks();

  private constructor(private readonly intents: mongo.Collection<IntentRecord>) {}

  static async create(connection: Connection): Promise<MongoIntentRepository> {
    await syncIndexes(connection, INTENTS, [
      // The agent's history and the back office's list: newest first, (createdAt, id) cursor.
      { fields: { 'state.agent.userId': 1, 'state.createdAt': -1, _id: -1 } },
      { fields: { 'state.phase': 1, 'state.createdAt': -1, _id: -1 } },
      // The deadline sweeper: expired intents by phase, stalled PROCESSING ones.
      { fields: { 'state.phase': 1, 'state.expiresAt': 1 } },
      { fields: { 'state.phase': 1, 'state.updatedAt': 1 } },
    ]);
    return new MongoIntentRepository(nativeCollection<IntentRecord>(connection, INTENTS));
  }

  async insert(document: IntentDocument): Promise<'inserted' | 'exists'> {
    try {
      await this.intents.insertOne({ _id: document.id, version: document.version, state: toState(document), outbox: document.outbox });
      return 'inserted';
    } catch (error) {
      if (isDuplicateKey(error)) return 'exists';
      throw error;
    }
  }

  async findById(id: string): Promise<IntentDocument | undefined> {
    const record = await this.intents.findOne({ _id: id });
    return record ? toDocument(record) : undefined;
  }

  async update(state: Omit<IntentDocument, 'outbox'>, outbox: OutboxEntry[]): Promise<boolean> {
    // Appends rather than rewrites the outbox: the relay pulls relayed entries concurrently.
    const update: mongo.UpdateFilter<IntentRecord> = { $set: { version: state.version, state: toState(state) } };
    if (outbox.length > 0) update.$push = { outbox: { $each: outbox } };
    const result = await this.locks.run(state.id, () => this.intents.updateOne({ _id: state.id, version: state.version - 1 }, update));
    return result.matchedCount === 1;
  }

  async list(query: IntentQuery): Promise<IntentPage> {
    const filter: mongo.Filter<IntentRecord> = { 'state.phase': query.status ?? { $in: [...PUBLIC_PHASES] } };
    if (query.initiatorUserId) filter['state.agent.userId'] = query.initiatorUserId;
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    if (after) {
      filter.$or = [
        { 'state.createdAt': { $lt: after.createdAt } },
        { 'state.createdAt': after.createdAt, _id: { $lt: after.id } },
      ];
    }
    const records = await this.intents
      .find(filter)
      .sort({ 'state.createdAt': -1, _id: -1 })
      .limit(query.limit + 1)
      .toArray();
    const items = records.slice(0, query.limit).map(toDocument);
    const nextCursor = records.length > query.limit ? encodeCursor(items[items.length - 1]) : null;
    return { items, nextCursor };
  }

  async findExpired(phases: readonly IntentPhase[], now: Date, limit: number): Promise<IntentDocument[]> {
    const records = await this.intents
      .find({ 'state.phase': { $in: [...phases] }, 'state.expiresAt': { $lte: now.toISOString() } })
      .limit(limit)
      .toArray();
    return records.map(toDocument);
  }

  async findStalled(before: Date, limit: number): Promise<IntentDocument[]> {
    const records = await this.intents
      .find({ 'state.phase': 'PROCESSING', 'state.updatedAt': { $lte: before.toISOString() } })
      .limit(limit)
      .toArray();
    return records.map(toDocument);
  }

  async pendingOutbox(limit: number): Promise<OutboxBatch[]> {
    const records = await this.intents.find(HAS_OUTBOX, { projection: { outbox: 1 } }).limit(limit).toArray();
    return records.map((record) => ({ documentId: record._id, entries: record.outbox }));
  }

  async markRelayed(documentId: string, entryIds: string[]): Promise<void> {
    await pullOutboxEntries(this.intents, this.locks, documentId, entryIds);
  }
}
