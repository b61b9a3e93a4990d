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
  /** Dispatches whose outcome is not relayed yet. */
  private readonly unrelayed = new Set<string>();

  async append(dispatch: NotificationDispatch): Promise<boolean> {
    try {
      await this.dispatches.insert(dispatch);
      if (dispatch.outbox.length > 0) this.unrelayed.add(dispatch.id);
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

  async pendingOutbox(limit: number, writtenBefore?: Date): Promise<OutboxBatch[]> {
    const cutoff = writtenBefore?.toISOString();
    const batches: OutboxBatch[] = [];
    for (const id of this.unrelayed) {
      const dispatch = await this.dispatches.findById(id);
      if (!dispatch || (cutoff !== undefined && dispatch.createdAt >= cutoff)) continue;
      batches.push({ documentId: id, entries: dispatch.outbox });
      if (batches.length >= limit) break;
    }
    return batches;
  }

  async markRelayed(documentId: string): Promise<void> {
    this.unrelayed.delete(documentId);
  }
}
