export const BUDGETS_REPOSITORY = Symbol('BUDGETS_REPOSITORY');

/** One budget a member must fit in: at most `limit` members counting under `key` at once. */
export interface BudgetClaim {
  key: string;
  limit: number;
}

export type AdmitResult =
  | { admitted: true }
  /** The first claim that had no room, and when its oldest member stops counting. */
  | { admitted: false; key: string; retryAfterMs: number };

/**
 * Budgets of things that count for a while: open intents (until they end or pass their
 * deadline) and OTP sends (for a rolling window). A member (an intent id, an OTP id) counts
 * under a key until `until`, or until removed. Admission is all or nothing across the claims
 * and atomic (in Redis: one Lua script), so concurrent admissions never together pass a
 * limit; a member already counted under a key is admitted there again without counting
 * twice, so a redelivered request is answered the same way.
 */
export interface BudgetsRepository {
  admit(member: string, claims: BudgetClaim[], until: Date, now: Date): Promise<AdmitResult>;
  /** The member stops counting under these keys (an intent that ended). */
  remove(member: string, keys: string[]): Promise<void>;
}
