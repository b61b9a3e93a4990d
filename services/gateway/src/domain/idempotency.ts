/**
 * Idempotency-Key semantics (API.md): the same key with the same body gets the first
 * response again, also while the first is still in flight; a different body is refused.
 */
export interface StoredOutcome {
  status: number;
  /** A success body, or the stable error of a refusal (re-sent with the new correlation id). */
  body: unknown;
  error?: { code: string; message: string; details?: unknown };
}

export interface IdempotencyRecord {
  key: string;
  fingerprint: string;
  state: 'IN_FLIGHT' | 'DONE';
  outcome?: StoredOutcome;
  expiresAtMs: number;
}

export type IdempotencyDecision =
  | { kind: 'execute' }
  | { kind: 'replay'; outcome: StoredOutcome }
  | { kind: 'wait' }
  | { kind: 'conflict' };

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export function isLive(record: IdempotencyRecord, nowMs: number): boolean {
  return record.expiresAtMs > nowMs;
}

export function decideIdempotency(
  existing: IdempotencyRecord | undefined,
  fingerprint: string,
  nowMs: number,
): IdempotencyDecision {
  if (existing === undefined || !isLive(existing, nowMs)) return { kind: 'execute' };
  if (existing.fingerprint !== fingerprint) return { kind: 'conflict' };
  if (existing.state === 'DONE' && existing.outcome) return { kind: 'replay', outcome: existing.outcome };
  return { kind: 'wait' };
}

/** Outcomes worth replaying: server-side failures (timeouts) are left for a retry to redo. */
export function isReplayable(status: number): boolean {
  return status < 500;
}

/**
 * A canonical JSON text: object keys sorted at every level, so two bodies that differ only
 * in key order get the same fingerprint.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}
