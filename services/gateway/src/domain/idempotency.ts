/**
 * Idempotency-Key semantics: the same key with the same body gets the first
 * response again, also while the first is still in flight; a different body is refused.
 *
 * A record lives 24 h, binding the key to one body. While IN_FLIGHT it is also held by one
 * claim (its owner) under a short lease: a gateway that dies mid-request never completes
 * its record, so once the lease runs out a retry with the same body takes the record over
 * and runs the operation again (every operation behind a key is idempotent downstream).
 * The owner token makes a late completion by the first claimant a no-op once another
 * claim owns the record.
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
  /** End of the record's life: the key is free again afterwards, whatever the body. */
  expiresAtMs: number;
  /** The claim that runs (or ran) the operation. */
  owner: string;
  /** IN_FLIGHT only: until then the owner is presumed alive and a retry waits. */
  leaseExpiresAtMs: number;
}

/** How long a claim holds a record, and how long the record binds its key. */
export interface ClaimTerms {
  leaseMs: number;
  ttlMs: number;
}

export type IdempotencyDecision =
  { kind: 'execute' } | { kind: 'take-over' } | { kind: 'replay'; outcome: StoredOutcome } | { kind: 'wait' } | { kind: 'conflict' };

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export function isLive(record: IdempotencyRecord, nowMs: number): boolean {
  return record.expiresAtMs > nowMs;
}

export function isLeaseLive(record: IdempotencyRecord, nowMs: number): boolean {
  return record.leaseExpiresAtMs > nowMs;
}

/**
 * What a request with this key and body does, given the stored record. `execute` and
 * `take-over` are what a claim does atomically in the store; the service only loops back
 * to claim when it sees them.
 */
export function decideIdempotency(existing: IdempotencyRecord | undefined, fingerprint: string, nowMs: number): IdempotencyDecision {
  if (existing === undefined || !isLive(existing, nowMs)) return { kind: 'execute' };
  if (existing.fingerprint !== fingerprint) return { kind: 'conflict' };
  if (existing.state === 'DONE' && existing.outcome) return { kind: 'replay', outcome: existing.outcome };
  return isLeaseLive(existing, nowMs) ? { kind: 'wait' } : { kind: 'take-over' };
}

/** A new IN_FLIGHT record, held by `owner`. */
export function freshClaim(key: string, fingerprint: string, owner: string, nowMs: number, terms: ClaimTerms): IdempotencyRecord {
  return {
    key,
    fingerprint,
    state: 'IN_FLIGHT',
    owner,
    leaseExpiresAtMs: nowMs + terms.leaseMs,
    expiresAtMs: nowMs + terms.ttlMs,
  };
}

/**
 * The claim rule both stores apply in one atomic step: no live record → a fresh one; a
 * live IN_FLIGHT record of the same body whose lease ran out → taken over by `owner` (a
 * fresh run, so a fresh life); anything else stays and is answered.
 */
export function claimRecord(
  existing: IdempotencyRecord | undefined,
  key: string,
  fingerprint: string,
  owner: string,
  nowMs: number,
  terms: ClaimTerms,
): { claimed: true; record: IdempotencyRecord; takenOver: boolean } | { claimed: false; existing: IdempotencyRecord } {
  if (existing === undefined || !isLive(existing, nowMs)) {
    return { claimed: true, record: freshClaim(key, fingerprint, owner, nowMs, terms), takenOver: false };
  }
  if (existing.state === 'IN_FLIGHT' && existing.fingerprint === fingerprint && !isLeaseLive(existing, nowMs)) {
    return { claimed: true, record: freshClaim(key, fingerprint, owner, nowMs, terms), takenOver: true };
  }
  return { claimed: false, existing };
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
