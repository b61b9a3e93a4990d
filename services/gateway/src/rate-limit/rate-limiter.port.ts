export const RATE_LIMITER = Symbol('RATE_LIMITER');

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Per-key request budgets (token buckets); one atomic operation per call, Redis-friendly. */
export interface RateLimiter {
  take(key: string, perMinute: number): Promise<RateDecision>;
}
