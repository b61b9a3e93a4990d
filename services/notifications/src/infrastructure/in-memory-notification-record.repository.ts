import { NotificationKind, NotificationRecord } from '@cashout/shared-contracts';
import { frozenCopy, OutboxBatch } from '@cashout/platform';
import { NotificationDispatch, NotificationRecordRepository, RecordQuery, dispatchIdForIntent, dispatchIdForOtp } from '../notification-record.repository.port';
import { matchesQuery, newestFirst, withIntentId } from '../domain/record-query';
import { DEFAULT_SANDBOX_LOG_SIZE } from '../notifications.config';

/**
 * The sandbox log of the embedded default, indexed by what it is read by (the dispatch id,
 * the intent if any, the customer's phone) and bounded: it keeps the `capacity` most recent
 * dispatches, the oldest relayed ones go first. A dispatch is also the idempotency mark of
 * its request, so a request redelivered after its dispatch went would be sent again; the
 * in-process bus redelivers within seconds, far inside any sensible capacity. Dispatches
 * are stored frozen and handed out as they are; a relayed one lets go of its outbox.
 */
export class InMemoryNotificationRecordRepository implements NotificationRecordRepository {
  /** By id, oldest first. */
  private readonly dispatches = new Map<string, NotificationDispatch>();
  private readonly byIntent = new Map<string, Set<string>>();
  private readonly byPhone = new Map<string, Set<string>>();
  /** Dispatches whose outcome is not relayed yet. */
  private readonly unrelayed = new Set<string>();

  constructor(private readonly capacity = DEFAULT_SANDBOX_LOG_SIZE) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`sandbox log size ${capacity}: a positive integer is needed`);
  }

  async append(dispatch: NotificationDispatch): Promise<boolean> {
    if (this.dispatches.has(dispatch.id)) return false;
    const stored = frozenCopy(dispatch);
    this.dispatches.set(stored.id, stored);
    if (stored.intentId !== undefined) indexUnder(this.byIntent, stored.intentId, stored.id);
    for (const record of stored.records) indexUnder(this.byPhone, record.customerPhone, stored.id);
    if (stored.outbox.length > 0) this.unrelayed.add(stored.id);
    this.evictOldest(stored.id);
    return true;
  }

  async findById(id: string): Promise<NotificationDispatch | undefined> {
    return this.dispatches.get(id);
  }

  async findByOtpId(otpId: string): Promise<NotificationDispatch | undefined> {
    return this.dispatches.get(dispatchIdForOtp(otpId));
  }

  async findByIntentAndKind(intentId: string, kind: NotificationKind): Promise<NotificationDispatch | undefined> {
    return this.dispatches.get(dispatchIdForIntent(intentId, kind));
  }

  async list(query: RecordQuery): Promise<NotificationRecord[]> {
    const matching: NotificationRecord[] = [];
    for (const dispatch of this.candidates(query)) {
      for (const record of dispatch.records) {
        const listed = withIntentId(record, dispatch);
        if (matchesQuery(listed, query)) matching.push(listed);
      }
    }
    return newestFirst(matching, query.limit);
  }

  async pendingOutbox(limit: number, writtenBefore?: Date): Promise<OutboxBatch[]> {
    const cutoff = writtenBefore?.toISOString();
    const batches: OutboxBatch[] = [];
    for (const id of this.unrelayed) {
      const dispatch = this.dispatches.get(id);
      if (!dispatch || (cutoff !== undefined && dispatch.createdAt >= cutoff)) continue;
      batches.push({ documentId: id, entries: dispatch.outbox });
      if (batches.length >= limit) break;
    }
    return batches;
  }

  async markRelayed(documentId: string): Promise<void> {
    if (!this.unrelayed.delete(documentId)) return;
    const dispatch = this.dispatches.get(documentId);
    if (dispatch) this.dispatches.set(documentId, frozenCopy({ ...dispatch, outbox: [] }));
  }

  /** The dispatches a query can match, in write order: those of its intent, else of its phone. */
  private candidates(query: RecordQuery): Iterable<NotificationDispatch> {
    const ids = query.intentId !== undefined ? this.byIntent.get(query.intentId) : query.phone !== undefined ? this.byPhone.get(query.phone) : undefined;
    if (ids === undefined) return query.intentId === undefined && query.phone === undefined ? this.dispatches.values() : [];
    return [...ids].flatMap((id) => this.dispatches.get(id) ?? []);
  }

  /** Over capacity, drops the oldest relayed dispatches, never the one just written. */
  private evictOldest(newest: string): void {
    for (const [id, dispatch] of this.dispatches) {
      if (this.dispatches.size <= this.capacity) return;
      if (this.unrelayed.has(id) || id === newest) continue;
      this.dispatches.delete(id);
      if (dispatch.intentId !== undefined) unindex(this.byIntent, dispatch.intentId, id);
      for (const record of dispatch.records) unindex(this.byPhone, record.customerPhone, id);
    }
  }
}

function indexUnder(index: Map<string, Set<string>>, key: string, id: string): void {
  const ids = index.get(key);
  if (ids) ids.add(id);
  else index.set(key, new Set([id]));
}

function unindex(index: Map<string, Set<string>>, key: string, id: string): void {
  const ids = index.get(key);
  if (!ids) return;
  ids.delete(id);
  if (ids.size === 0) index.delete(key);
}
