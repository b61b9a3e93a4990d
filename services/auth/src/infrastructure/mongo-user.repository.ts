import { Connection, mongo } from 'mongoose';
import { OutboxBatch, OutboxEntry } from '@cashout/platform';
import { UserDocument, UserRepository } from '../user.repository.port';
import { DocumentLocks, isDuplicateKey, nativeCollection, pullOutboxEntries, syncIndexes } from '@cashout/platform';

type UserState = Omit<UserDocument, 'outbox' | 'version'>;

/**
 * The state is one nested field, replaced whole by each write (fields a new state lacks
 * disappear); the phone is copied to the top level for its unique index.
 */
interface UserRecord {
  _id: string;
  version: number;
  phone: string;
  state: UserState;
  outbox: OutboxEntry[];
}

const USERS = 'users';

function stateOf(document: Omit<UserDocument, 'outbox'> & { outbox?: unknown }): UserState {
  const { version: _version, outbox: _outbox, ...state } = document;
  return state;
}

const toDocument = (record: UserRecord): UserDocument => ({ ...record.state, version: record.version, outbox: record.outbox });

/** Users on MongoDB: optimistic concurrency on `version`, a unique index on the phone. */
export class MongoUserRepository implements UserRepository {
  private readonly locks = new DocumentLocks();

  private constructor(private readonly users: mongo.Collection<UserRecord>) {}

  static async create(connection: Connection): Promise<MongoUserRepository> {
    await syncIndexes(connection, USERS, [{ fields: { phone: 1 }, options: { unique: true } }]);
    return new MongoUserRepository(nativeCollection<UserRecord>(connection, USERS));
  }

  async findById(userId: string): Promise<UserDocument | undefined> {
    const record = await this.users.findOne({ _id: userId });
    return record ? toDocument(record) : undefined;
  }

  async findByPhone(phone: string): Promise<UserDocument | undefined> {
    const record = await this.users.findOne({ phone });
    return record ? toDocument(record) : undefined;
  }

  async save(document: Omit<UserDocument, 'outbox'>, outbox: OutboxEntry[] = []): Promise<boolean> {
    try {
      if (document.version === 1) {
        await this.users.insertOne({ _id: document.id, version: 1, phone: document.phone, state: stateOf(document), outbox });
        return true;
      }
      const update: mongo.UpdateFilter<UserRecord> = {
        $set: { version: document.version, phone: document.phone, state: stateOf(document) },
      };
      if (outbox.length > 0) update.$push = { outbox: { $each: outbox } };
      const result = await this.locks.run(document.id, () =>
        this.users.updateOne({ _id: document.id, version: document.version - 1 }, update),
      );
      return result.matchedCount === 1;
    } catch (error) {
      // The id, or the phone of another user: the write lost, like a version conflict.
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async pendingOutbox(limit: number): Promise<OutboxBatch[]> {
    const records = await this.users.find({ 'outbox.0': { $exists: true } }, { projection: { outbox: 1 } }).limit(limit).toArray();
    return records.map((record) => ({ documentId: record._id, entries: record.outbox }));
  }

  markRelayed(documentId: string, entryIds: string[]): Promise<void> {
    return pullOutboxEntries(this.users, this.locks, documentId, entryIds);
  }
}
