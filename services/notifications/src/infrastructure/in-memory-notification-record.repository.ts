import { NotificationKind, NotificationRecord } from '@cashout/shared-contracts';
import { DuplicateKeyError, InMemoryCollection, OutboxBatch } from '@cashout/platform';
import {
  NotificationDispatch,
  NotificationRecordRepository,
  RecordQuery,
  dispatchIdForIntent,
  dispatchIdForOtp,
} from '../notification-record.repository.port';

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
    const dispatches = await this.dispatches.find(() => true);
    const matching = dispatches
      .flatMap((dispatch) => dispatch.records)
      .filter((record) => query.phone === undefined || record.customerPhone === query.phone);
    // Insertion order reversed, then a stable sort: among equal timestamps the later write comes first.
    return matching
      .reverse()
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
      .slice(0, query.limit);
  }

  pendingOutbox(limit: number): Promise<OutboxBatch[]> {
    return this.outbox.pendingOutbox(limit);
  }

  markRelayed(documentId: string, entryIds: string[]): Promise<void> {
    return this.outbox.markRelayed(documentId, entryIds);
  }
}
