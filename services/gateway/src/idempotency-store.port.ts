import { ClaimTerms, IdempotencyRecord, StoredOutcome } from './domain/idempotency';

/** `takenOver`: the key had an IN_FLIGHT record whose owner's lease ran out. */
export type ClaimResult = { claimed: true; takenOver: boolean } | { claimed: false; existing: IdempotencyRecord };

export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');

/**
 * Idempotency records, one per (caller, method, path, key). Every operation touches one
 * record atomically (claimRecord's rule in one step: a Lua script in Redis), and the writes
 * after a claim are guarded by the claim's owner token.
 */
export interface IdempotencyStore {
  /**
   * Stores an IN_FLIGHT record held by `owner` unless a live one exists, or takes over a
   * live IN_FLIGHT record of the same fingerprint whose lease ran out; otherwise returns
   * the live record.
   */
  claim(key: string, fingerprint: string, owner: string, terms: ClaimTerms): Promise<ClaimResult>;
  find(key: string): Promise<IdempotencyRecord | undefined>;
  /**
   * Turns the IN_FLIGHT record `owner` holds into DONE with its outcome. False, writing
   * nothing, when the record is no longer this owner's (taken over, released, expired).
   */
  complete(key: string, owner: string, outcome: StoredOutcome): Promise<boolean>;
  /** Drops the IN_FLIGHT record `owner` holds (its execution failed), so a retry runs again. */
  release(key: string, owner: string): Promise<void>;
}
