import { Connection, mongo } from 'mongoose';
import { QrConsumeOutcome } from '../domain/qr-token';
import { QrTokenRecord, QrTokenRepository } from '../qr-token.repository.port';
import { isDuplicateKey, nativeCollection, syncIndexes } from '@cashout/platform/mongo';

type QrTokenDocument = Omit<QrTokenRecord, 'tokenId'> & { _id: string };
/** The single use of a token: one insert keyed by the token id, the only write that has one winner. */
type RedemptionDocument = { _id: string; intentId: string };

const QR_TOKENS = 'qr_tokens';
const QR_REDEMPTIONS = 'qr_redemptions';

const toRecord = ({ _id, ...record }: QrTokenDocument): QrTokenRecord => ({ tokenId: _id, ...record });

/**
 * QR tokens on MongoDB: _id is the token id, issueRequestId is unique (redelivered issues),
 * and a use is a redemption record inserted once per token.
 */
export class MongoQrTokenRepository implements QrTokenRepository {
  private constructor(
    private readonly tokens: mongo.Collection<QrTokenDocument>,
    private readonly redemptions: mongo.Collection<RedemptionDocument>,
  ) {}

  static async create(connection: Connection): Promise<MongoQrTokenRepository> {
    await syncIndexes(connection, QR_TOKENS, [{ fields: { issueRequestId: 1 }, options: { unique: true } }]);
    await syncIndexes(connection, QR_REDEMPTIONS, []);
    return new MongoQrTokenRepository(
      nativeCollection<QrTokenDocument>(connection, QR_TOKENS),
      nativeCollection<RedemptionDocument>(connection, QR_REDEMPTIONS),
    );
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
    if (!record) return undefined;
    const redemption = await this.redemptions.findOne({ _id: tokenId });
    return toRecord(redemption ? { ...record, consumedByIntentId: redemption.intentId } : record);
  }

  async consume(tokenId: string, intentId: string): Promise<QrConsumeOutcome> {
    if (!(await this.tokens.findOne({ _id: tokenId }))) return 'not-found';
    try {
      await this.redemptions.insertOne({ _id: tokenId, intentId });
      return 'consumed';
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const redemption = await this.redemptions.findOne({ _id: tokenId });
    return redemption?.intentId === intentId ? 'already-consumed-by-same' : 'used-by-other';
  }
}
