import { Connection, mongo } from 'mongoose';
import { OutboxBatch, OutboxEntry } from '@cashout/platform';
import { OtpDocument, OtpRepository } from '../otp.repository.port';
import { DocumentLocks, isDuplicateKey, nativeCollection, pullOutboxEntries, syncIndexes } from '@cashout/platform';

type OtpRecordState = Omit<OtpDocument, 'outbox' | 'version'>;

/** One document per intent; the state is one nested field, replaced whole by each write. */
interface OtpRecord {
  _id: string;
  version: number;
  state: OtpRecordState;
  outbox: OutboxEntry[];
}

const OTPS = 'otps';

function stateOf(document: Omit<OtpDocument, 'outbox'> & { outbox?: unknown }): OtpRecordState {
  const { version: _version, outbox: _outbox, ...state } = document;
  return state;
}

const toDocument = (record: OtpRecord): OtpDocument => ({ ...record.state, version: record.version, outbox: record.outbox });

/** OTPs on MongoDB, by intent id, with optimistic concurrency on `version`. */
export class MongoOtpRepository implements OtpRepository {
  private readonly locks = new DocumentLocks();

  private constructor(private readonly otps: mongo.Collection<OtpRecord>) {}

  static async create(connection: Connection): Promise<MongoOtpRepository> {
    // Only _id is queried; declaring the (empty) index set still drops stray indexes.
    await syncIndexes(connection, OTPS, []);
    return new MongoOtpRepository(nativeCollection<OtpRecord>(connection, OTPS));
  }

  async findByIntentId(intentId: string): Promise<OtpDocument | undefined> {
    const record = await this.otps.findOne({ _id: intentId });
    return record ? toDocument(record) : undefined;
  }

  async save(document: Omit<OtpDocument, 'outbox'>, outbox: OutboxEntry[] = []): Promise<boolean> {
    if (document.version === 1) {
      try {
        await this.otps.insertOne({ _id: document.id, version: 1, state: stateOf(document), outbox });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    }
    const update: mongo.UpdateFilter<OtpRecord> = { $set: { version: document.version, state: stateOf(document) } };
    if (outbox.length > 0) update.$push = { outbox: { $each: outbox } };
    const result = await this.locks.run(document.id, () => this.otps.updateOne({ _id: document.id, version: document.version - 1 }, update));
    return result.matchedCount === 1;
  }

  async pendingOutbox(limit: number): Promise<OutboxBatch[]> {
    const records = await this.otps.find({ 'outbox.0': { $exists: true } }, { projection: { outbox: 1 } }).limit(limit).toArray();
    return records.map((record) => ({ documentId: record._id, entries: record.outbox }));
  }

  markRelayed(documentId: string, entryIds: string[]): Promise<void> {
    return pullOutboxEntries(this.otps, this.locks, documentId, entryIds);
  }
}
