import { NotificationKind, NotificationRecord } from '@cashout/shared-contracts';
import { Connection, mongo } from 'mongoose';
import { OutboxBatch } from '@cashout/platform';
import { dispatchIdForIntent, dispatchIdForOtp, NotificationDispatch, NotificationRecordRepository, RecordQuery } from '../notification-record.repository.port';
import { isDuplicateKey, nativeCollection, syncIndexes } from '@cashout/platform/mongo';
import { matchesQuery, newestFirst, withIntentId } from '../domain/record-query';

/**
 * One dispatch per document, its id (the idempotency key) as _id. `phones` copies the
 * records' customer phones to a top-level array of strings: FerretDB 1.x cannot filter on
 * a field of subdocuments inside an array (`records.customerPhone`). The intent id needs no
 * copy: every record of a dispatch is about the dispatch's top-level `intentId`, when it
 * has one (a notice about a user, such as an access change, has none).
 */
type DispatchRecord = Omit<NotificationDispatch, 'id'> & { _id: string; phones: string[]; relayed: boolean };

const DISPATCHES = 'dispatches';

function toDispatch(record: DispatchRecord): NotificationDispatch {
  const { _id, phones: _phones, relayed: _relayed, ...dispatch } = record;
  return { id: _id, ...dispatch };
}

/**
 * The sandbox log on MongoDB; each dispatch is written once, by one insert. Its `relayed`
 * flag is the only field ever set afterwards, and always to the same value.
 */
export class MongoNotificationRecordRepository implements NotificationRecordRepository {
  private constructor(private readonly dispatches: mongo.Collection<DispatchRecord>) {}

  static async create(connection: Connection): Promise<MongoNotificationRecordRepository> {
    await syncIndexes(connection, DISPATCHES, [{ fields: { phones: 1 } }, { fields: { intentId: 1 } }, { fields: { relayed: 1, createdAt: 1 } }]);
    return new MongoNotificationRecordRepository(nativeCollection<DispatchRecord>(connection, DISPATCHES));
  }

  async append(dispatch: NotificationDispatch): Promise<boolean> {
    const { id, ...fields } = dispatch;
    const phones = [...new Set(dispatch.records.map((record) => record.customerPhone))];
    try {
      await this.dispatches.insertOne({ _id: id, ...fields, phones, relayed: fields.outbox.length === 0 });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async findById(id: string): Promise<NotificationDispatch | undefined> {
    const record = await this.dispatches.findOne({ _id: id });
    return record ? toDispatch(record) : undefined;
  }

  findByOtpId(otpId: string): Promise<NotificationDispatch | undefined> {
    return this.findById(dispatchIdForOtp(otpId));
  }

  findByIntentAndKind(intentId: string, kind: NotificationKind): Promise<NotificationDispatch | undefined> {
    return this.findById(dispatchIdForIntent(intentId, kind));
  }

  async list(query: RecordQuery): Promise<NotificationRecord[]> {
    // Records are ordered across dispatches, so the dispatches are filtered in the database
    // and the records sorted here, the same way as the in-memory twin (a sandbox log: small).
    const filter: mongo.Filter<DispatchRecord> = {
      ...(query.phone !== undefined ? { phones: query.phone } : {}),
      ...(query.intentId !== undefined ? { intentId: query.intentId } : {}),
    };
    const dispatches = await this.dispatches.find(filter, { projection: { intentId: 1, records: 1 } }).toArray();
    const matching = dispatches
      .flatMap((dispatch) => dispatch.records.map((record) => withIntentId(record, dispatch)))
      .filter((record) => matchesQuery(record, query));
    return newestFirst(matching, query.limit);
  }

  async pendingOutbox(limit: number, writtenBefore?: Date): Promise<OutboxBatch[]> {
    const filter: mongo.Filter<DispatchRecord> = { relayed: false };
    if (writtenBefore) filter.createdAt = { $lt: writtenBefore.toISOString() };
    const records = await this.dispatches
      .find(filter, { projection: { outbox: 1 } })
      .limit(limit)
      .toArray();
    return records.map((record) => ({ documentId: record._id, entries: record.outbox }));
  }

  async markRelayed(documentId: string): Promise<void> {
    await this.dispatches.updateOne({ _id: documentId }, { $set: { relayed: true } });
  }
}
