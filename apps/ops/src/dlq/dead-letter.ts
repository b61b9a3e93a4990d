import type { ReadRecord } from '../timeline/read-topics';

/** The headers the Kafka bus adds when it dead-letters a message (DeadLetterHeaders in the platform). */
export const DLT_HEADER_PREFIX = 'x-dlt-';
/** Added to a re-driven message: the dead letter it came from, `<partition>:<offset>`. */
export const REDRIVEN_FROM_HEADER = 'x-redriven-from';

/** A marker of the re-drive topic: when a dead letter was re-driven, and to which topic. */
export interface Redrive {
  redrivenAt: string;
  topic: string;
}

/**
 * A marker as written: also the dead letter's timestamp, so that a marker outliving its dead
 * letter's topic (deleted and created anew, its offsets starting over) marks no other letter.
 */
export interface Marker extends Redrive {
  deadLetteredAt?: string;
}

/** One record of the dead-letter topic, with what its headers and envelope say. */
export interface DeadLetter {
  /** `<partition>:<offset>` on the dead-letter topic. */
  id: string;
  partition: number;
  offset: string;
  /** The record's timestamp: when the bus dead-lettered it. */
  deadLetteredAt: string;
  /** Where the message was consumed from (x-dlt-topic, -partition, -offset); null when a header is missing. */
  source: { topic: string | null; partition: number | null; offset: string | null };
  group: string | null;
  attempts: number | null;
  reason: string | null;
  /** From the value when it is a JSON envelope; null otherwise. */
  type: string | null;
  aggregateId: string | null;
  /** The payload's intentId (messages keyed by something else, e.g. the ledger's by wallet). */
  intentId: string | null;
  key: string | null;
  value: string | null;
  /** Every header of the record, the original ones and the x-dlt-* ones. */
  headers: Record<string, string>;
  redriven: Redrive | null;
}

export type FilterField = 'group' | 'topic' | 'type' | 'reason' | 'intent';
export const FILTER_FIELDS: readonly FilterField[] = ['group', 'topic', 'type', 'reason', 'intent'];

export interface DlqFilter {
  field: FilterField;
  value: string;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

const objectOf = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

const integerOf = (value: string | undefined): number | null => (value !== undefined && /^\d+$/.test(value) ? Number(value) : null);

/** The value as JSON, or undefined when it is none (a reason to dead-letter it in the first place). */
export function parseValue(value: string | null): unknown {
  if (value === null) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A dead letter from its record and the re-drive markers. The envelope is read leniently: a
 * message dead-lettered as invalid may not pass the schema, yet its type and ids still help.
 */
export function deadLetterOf(record: ReadRecord, markers: ReadonlyMap<string, Marker>): DeadLetter {
  const id = `${record.partition}:${record.offset}`;
  const headers = record.headers;
  const envelope = objectOf(parseValue(record.value));
  const type = text(envelope?.type);
  const payload = objectOf(envelope?.payload);
  const marker = markers.get(id);
  const marks = marker !== undefined && (marker.deadLetteredAt === undefined || marker.deadLetteredAt === record.timestamp);
  return {
    id,
    partition: record.partition,
    offset: record.offset,
    deadLetteredAt: record.timestamp,
    source: {
      topic: headers['x-dlt-topic'] ?? null,
      partition: integerOf(headers['x-dlt-partition']),
      offset: headers['x-dlt-offset'] ?? null,
    },
    group: headers['x-dlt-group'] ?? null,
    attempts: integerOf(headers['x-dlt-attempts']),
    reason: headers['x-dlt-reason'] ?? null,
    type,
    aggregateId: type === null ? null : text(envelope?.aggregateId),
    intentId: type === null ? null : text(payload?.intentId),
    key: record.key,
    value: record.value,
    headers,
    redriven: marks ? { redrivenAt: marker.redrivenAt, topic: marker.topic } : null,
  };
}

/** `group=reporting` → a filter; the problem as a string for a malformed or unknown one. */
export function parseFilter(spec: string): DlqFilter | string {
  const at = spec.indexOf('=');
  if (at <= 0) return `--filter takes key=value (key one of ${FILTER_FIELDS.join(', ')}), not ${spec}`;
  const field = spec.slice(0, at).trim();
  const value = spec.slice(at + 1).trim();
  if (!(FILTER_FIELDS as readonly string[]).includes(field)) return `--filter key ${field} is not one of ${FILTER_FIELDS.join(', ')}`;
  if (value === '') return `--filter ${field}= needs a value`;
  return { field: field as FilterField, value };
}

/**
 * Whether the dead letter passes one filter: the reason by case-insensitive substring (reasons
 * carry offsets and versions), the others exactly; the intent by envelope ids or key.
 */
export function matchesFilter(letter: DeadLetter, filter: DlqFilter): boolean {
  switch (filter.field) {
    case 'group':
      return letter.group === filter.value;
    case 'topic':
      return letter.source.topic === filter.value;
    case 'type':
      return letter.type === filter.value;
    case 'reason':
      return (letter.reason ?? '').toLowerCase().includes(filter.value.toLowerCase());
    case 'intent':
      return letter.aggregateId === filter.value || letter.intentId === filter.value || letter.key === filter.value;
  }
}

/** Every filter must match (none: every dead letter). */
export const matchesAll = (letter: DeadLetter, filters: readonly DlqFilter[]): boolean => filters.every((filter) => matchesFilter(letter, filter));

/** `3:120` → its partition and offset; null for anything else. */
export function parseDeadLetterId(id: string): { partition: number; offset: string } | null {
  const match = /^(\d+):(\d+)$/.exec(id.trim());
  return match ? { partition: Number(match[1]), offset: String(Number(match[2])) } : null;
}

/** The headers a re-driven message carries: the original ones, without x-dlt-*, and where it came from. */
export function redriveHeaders(letter: DeadLetter): Record<string, string> {
  const kept = Object.entries(letter.headers).filter(([name]) => !name.toLowerCase().startsWith(DLT_HEADER_PREFIX));
  return { ...Object.fromEntries(kept), [REDRIVEN_FROM_HEADER]: letter.id };
}

/** A marker's value, or null for one that is not (never written by this CLI). */
export function parseMarker(value: string | null): Marker | null {
  const marker = objectOf(parseValue(value));
  const redrivenAt = text(marker?.redrivenAt);
  const topic = text(marker?.topic);
  const deadLetteredAt = text(marker?.deadLetteredAt);
  if (redrivenAt === null || topic === null) return null;
  return deadLetteredAt === null ? { redrivenAt, topic } : { redrivenAt, topic, deadLetteredAt };
}
