import { QrConsumeOutcome } from './domain/qr-token';

export const QR_TOKEN_REPOSITORY = Symbol('QR_TOKEN_REPOSITORY');

/** A QR token as stored: its id and a hash of the whole token, never the token itself. */
export interface QrTokenRecord {
  tokenId: string;
  tokenHash: string;
  userId: string;
  issuedAt: string;
  expiresAt: string;
  /** The IssueQrToken message that asked for it: a redelivery finds this record again. */
  issueRequestId: string;
  consumedByIntentId?: string;
}

export interface QrTokenRepository {
  /**
   * Stores a new token, unless one was already stored for the same issue request: then
   * that one is returned unchanged (a unique index on issueRequestId in MongoDB).
   */
  insert(record: QrTokenRecord): Promise<QrTokenRecord>;
  findById(tokenId: string): Promise<QrTokenRecord | undefined>;
  /** Marks the token used by an intent, in one single-document conditional write. */
  consume(tokenId: string, intentId: string): Promise<QrConsumeOutcome>;
}
