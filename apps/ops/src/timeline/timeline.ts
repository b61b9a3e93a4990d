import { EnvelopeSchema } from '@cashout/shared-contracts';

/** One record as read from a topic: where it is, its key and its raw value. */
export interface TopicRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
}

export interface TimelineEntry {
  occurredAt: string;
  topic: string;
  partition: number;
  offset: string;
  type: string;
  producer: string;
  messageId: string;
  correlationId: string;
  causationId?: string;
  /** On IntentStateChanged: the intent's status before and after. */
  statusFrom?: string;
  status?: string;
}

export interface Timeline {
  intentId: string;
  entries: TimelineEntry[];
  /** Records read in all, and those that were not an envelope (skipped). */
  scanned: number;
  unreadable: number;
}

const field = (payload: unknown, name: string): unknown =>
  typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>)[name] : undefined;

/**
 * The record's entry when it concerns the intent: keyed by it (most topics), or its envelope's
 * aggregateId or payload.intentId is the intent (the ledger's commands are keyed by wallet).
 * `null` for another intent's record; `'unreadable'` for a value that is no envelope.
 */
export function entryOf(record: TopicRecord, intentId: string): TimelineEntry | null | 'unreadable' {
  if (record.value === null) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(record.value);
  } catch {
    return 'unreadable';
  }
  const envelope = EnvelopeSchema.safeParse(raw);
  if (!envelope.success) return 'unreadable';
  const message = envelope.data;
  const concerns = record.key === intentId || message.aggregateId === intentId || field(message.payload, 'intentId') === intentId;
  if (!concerns) return null;
  const entry: TimelineEntry = {
    occurredAt: message.occurredAt,
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    type: message.type,
    producer: message.producer,
    messageId: message.messageId,
    correlationId: message.correlationId,
    ...(message.causationId === undefined ? {} : { causationId: message.causationId }),
  };
  if (message.type === 'IntentStateChanged') {
    const to = field(message.payload, 'to');
    const from = field(message.payload, 'from');
    if (typeof to === 'string') entry.status = to;
    if (typeof from === 'string') entry.statusFrom = from;
  }
  return entry;
}

const timeOf = (entry: TimelineEntry): number => {
  const ms = Date.parse(entry.occurredAt);
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
};

const compareOffsets = (a: string, b: string): number => {
  const diff = BigInt(a) - BigInt(b);
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
};

/** By occurredAt (as an instant; an unparsable one last), then topic, partition, offset. */
export function compareEntries(a: TimelineEntry, b: TimelineEntry): number {
  return timeOf(a) - timeOf(b) || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0) || a.partition - b.partition || compareOffsets(a.offset, b.offset);
}

/** The intent's timeline from the records read off every topic, in whatever order they came. */
export function buildTimeline(intentId: string, records: Iterable<TopicRecord>): Timeline {
  const entries: TimelineEntry[] = [];
  let scanned = 0;
  let unreadable = 0;
  for (const record of records) {
    scanned += 1;
    const entry = entryOf(record, intentId);
    if (entry === 'unreadable') unreadable += 1;
    else if (entry !== null) entries.push(entry);
  }
  entries.sort(compareEntries);
  return { intentId, entries, scanned, unreadable };
}

/** A table for a person: one line a message; the status column only on state changes. */
export function formatTimeline(timeline: Timeline): string[] {
  const { intentId, entries, scanned, unreadable } = timeline;
  const topics = new Set(entries.map((entry) => entry.topic)).size;
  const head = `intent ${intentId}: ${entries.length} message(s) on ${topics} topic(s), ${scanned} record(s) read${unreadable > 0 ? `, ${unreadable} not an envelope` : ''}`;
  if (entries.length === 0) return [head];
  const rows = entries.map((entry) => [
    entry.occurredAt,
    entry.type,
    entry.producer,
    `${entry.topic}/${entry.partition}@${entry.offset}`,
    `corr ${entry.correlationId}`,
    `cause ${entry.causationId ?? '-'}`,
    entry.status === undefined ? '' : `${entry.statusFrom ?? '∅'} → ${entry.status}`,
  ]);
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return [
    head,
    ...rows.map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]))
        .join('  ')
        .trimEnd(),
    ),
  ];
}
