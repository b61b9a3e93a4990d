import { IdempotencyRecord, StoredOutcome } from '../domain/idempotency';

export type ClaimResult = { claimed: true } | { claimed: false; existing: IdempotencyRecord };

export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');

/**
 * Idempotency records, one per (caller, method, path, key). Every operation touches one
 * record atomically, so a Redis adapter maps them to SET NX PX / GET / SET XX / DEL.
 */
export interface IdempotencyStore {
  /** Stores an IN_FLIGHT record unless a live one exists; returns the live one if so. */
  claim(key: string, fingerprint: string, ttlMs: number): Promise<ClaimResult>;
  find(key: string): Promise<IdempotencyRecord | undefined>;
  /** Turns this caller's IN_FLIGHT record into DONE with its outcome. */
  complete(key: string, fingerprint: string, outcome: StoredOutcome): Promise<void>;
  /** Drops an IN_FLIGHT record whose execution failed, so a retry runs again. */
  release(key: string, fingerprint: string): Promise<void>;
}
