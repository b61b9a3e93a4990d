import { Connection, mongo } from 'mongoose';
import { QrConsumeOutcome } from '../domain/qr-token';
import { QrTokenRecord, QrTokenRepository } from '../qr-token.repository.port';
import { DocumentLocks, isDuplicateKey, nativeCollection, syncIndexes } from '@cashout/platform';

type QrTokenDocument = Omit<QrTokenRecord, 'tokenId'> & { _id: string };

const QR_TOKENS = 'qr_tokens';

const toRecord = ({ _id, ...record }: QrTokenDocument): QrTokenRecord => ({ tokenId: _id, ...record });

/** QR tokens on MongoDB: _id is the token id, issueRequestId is unique (redelivered issues). */
export class MongoQrTokenRepository implements QrTokenRepository {
  private readonly locks = new DocumentLocks();

  private constructor(private readonly tokens: mongo.Collection<QrTokenDocument>) {}

  static async create(connection: Connection): Promise<MongoQrTokenRepository> {
    await syncIndexes(connection, QR_TOKENS, [{ fields: { issueRequestId: 1 }, options: { unique: true } }]);
    return new MongoQrTokenRepository(nativeCollection<QrTokenDocument>(connection, QR_TOKENS));
  }

  async insert(record: QrTokenRecord): Promise<QrTokenRecord> {
    const { tokenId, ...fields } = record;
    try {
      await this.tokens.insertOne({ _id: tokenId, ...fields });
      return record;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // The unique index found an earlier token for the same issue request: hand it back.
      const existing = await this.tokens.findOne({ issueRequestId: record.issueRequestId });
      if (!existing) throw error;
      return toRecord(existing);
    }
  }

  async findById(tokenId: string): Promise<QrTokenRecord | undefined> {
    const record = await this.tokens.findOne({ _id: tokenId });
    return record ? toRecord(record) : undefined;
  }

  async consume(tokenId: string, intentId: string): Promise<QrConsumeOutcome> {
    // Single use: one conditional write claims the token; a miss is then explained by a read.
    const claimed = await this.locks.run(tokenId, () =>
      this.tokens.updateOne({ _id: tokenId, consumedByIntentId: { $exists: false } }, { $set: { consumedByIntentId: intentId } }),
    );
    if (claimed.modifiedCount === 1) return 'consumed';
    const stored = await this.tokens.findOne({ _id: tokenId });
    if (!stored) return 'not-found';
    return stored.consumedByIntentId === intentId ? 'already-consumed-by-same' : 'used-by-other';
  }
}
