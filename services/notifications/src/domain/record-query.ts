import { NotificationRecord } from '@cashout/shared-contracts';

/** A sandbox log query; both filters are optional and combine (AND). */
export interface RecordQuery {
  phone?: string;
  intentId?: string;
  limit: number;
}

/**
 * A record as listed. Every record of a dispatch is about the dispatch's intent, if it has
 * one; records stored before they carried the intent id get it from their dispatch.
 */
export function withIntentId(record: NotificationRecord, dispatch: { intentId?: string }): NotificationRecord {
  return record.intentId === undefined && dispatch.intentId !== undefined ? { ...record, intentId: dispatch.intentId } : record;
}

export function matchesQuery(record: NotificationRecord, query: RecordQuery): boolean {
  return (query.phone === undefined || record.customerPhone === query.phone) && (query.intentId === undefined || record.intentId === query.intentId);
}

/** Newest first; among equal timestamps the later write (later in `records`) first. */
export function newestFirst(records: NotificationRecord[], limit: number): NotificationRecord[] {
  return [...records]
    .reverse()
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
    .slice(0, limit);
}
