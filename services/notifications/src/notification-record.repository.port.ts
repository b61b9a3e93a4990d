import { NotificationKind, NotificationRecord } from '@cashout/shared-contracts';
import { OutboxEntry, OutboxSource, OutgoingMessage } from '@cashout/platform';
import { RecordQuery } from './domain/record-query';

export type { RecordQuery } from './domain/record-query';

export const NOTIFICATION_RECORD_REPOSITORY = Symbol('NOTIFICATION_RECORD_REPOSITORY');

/**
 * Everything one request caused (the message to the client or its skipped send, and the
 * team copies), stored as ONE document so the records, the outcome event in the outbox
 * and the idempotency key are written atomically. The id is the idempotency key.
 */
export interface NotificationDispatch {
  id: string;
  version: number;
  /** The intent the dispatch is about; absent on a notice that concerns no intent. */
  intentId?: string;
  /** The user a notice concerning no intent is about (an access change). */
  userId?: string;
  otpId?: string;
  kind: NotificationKind;
  records: NotificationRecord[];
  /** The outcome event as first emitted, re-published unchanged on a redelivery. */
  outcome?: OutgoingMessage;
  outbox: OutboxEntry[];
  createdAt: string;
}

export const dispatchIdForOtp = (otpId: string) => `otp:${otpId}`;
export const dispatchIdForIntent = (intentId: string, kind: NotificationKind) => `${kind}:${intentId}`;
/** A user's token version rises with every access change, so it names the change. */
export const dispatchIdForAccessChange = (userId: string, tokenVersion: number) => `access:${userId}:${tokenVersion}`;

/** The sandbox log; also the outbox source its relay drains. */
export interface NotificationRecordRepository extends OutboxSource {
  /** Returns false (and writes nothing) when a dispatch with this id already exists. */
  append(dispatch: NotificationDispatch): Promise<boolean>;
  /** By the dispatch id, i.e. the idempotency key of its request. */
  findById(id: string): Promise<NotificationDispatch | undefined>;
  findByOtpId(otpId: string): Promise<NotificationDispatch | undefined>;
  findByIntentAndKind(intentId: string, kind: NotificationKind): Promise<NotificationDispatch | undefined>;
  /**
   * Newest first; `phone` selects every record about that customer, `intentId` every record
   * about that intent (the message, a skipped send, the team copies); records about no
   * intent match no `intentId`.
   */
  list(query: RecordQuery): Promise<NotificationRecord[]>;
}
