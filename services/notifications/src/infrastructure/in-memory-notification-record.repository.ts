import { NotificationKind, NotificationRecord } from '@cashout/shared-contracts';
import { DuplicateKeyError, InMemoryCollection, OutboxBatch } from '@cashout/platform';
import {
  NotificationDispatch,
  NotificationRecordRepository,
  RecordQuery,
  dispatchIdForIntent,
  dispatchIdForOtp,
} from '../notification-record.repository.port';
import { matchesQuery, newestFirst, withIntentId } from '../domain/record-query';

export class InMemoryNotificationRecordRepository implements NotificationRecordRepository {
  private readonly dispatches = new InMemoryCollection<NotificationDispatch>();
  private readonly outbox = this.dispatches.outboxSource();

  async append(dispatch: NotificationDispatch): Promise<boolean> {
    try {
      await this.dispatches.insert(dispatch);
      return true;
    } catch (error) {
      if (error instanceof DuplicateKeyError) return false;
      throw error;
    }
  }

  findByOtpId(otpId: string): Promise<NotificationDispatch | undefined> {
    return this.dispatches.findById(dispatchIdForOtp(otpId));
  }

  findByIntentAndKind(intentId: string, kind: NotificationKind): Promise<NotificationDispatch | undefined> {
    return this.dispatches.findById(dispatchIdForIntent(intentId, kind));
  }

  async list(query: RecordQuery): Promise<NotificationRecord[]> {
    const dispatches = await this.dispatches.find((dispatch) => query.intentId === undefined || dispatch.intentId === query.intentId);
    const matching = dispatches
      .flatMap((dispatch) => dispatch.records.map((record) => withIntentId(record, dispatch)))
      .filter((record) => matchesQuery(record, query));
    return newestFirst(matching, query.limit);
  }

  pendingOutbox(limit: number): Promise<OutboxBatch[]> {
    return this.outbox.pendingOutbox(limit);
  }

  markRelayed(documentId: string, entryIds: string[]): Promise<void> {
    return this.outbox.markRelayed(documentId, entryIds);
  }
}
