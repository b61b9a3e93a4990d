export const RATE_LIMITER = Symbol('RATE_LIMITER');

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Per-key request budgets (token buckets); one atomic operation per call, Redis-friendly. */
export interface RateLimiter {
  /** Takes a token (`cost` 1), or with `cost` 0 only tells whether one is left. */
  take(key: string, perMinute: number, cost?: 0 | 1): Promise<RateDecision>;
}
