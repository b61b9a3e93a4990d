export const CACHE_READINESS = Symbol('CACHE_READINESS');

/**
 * Whether the cache that holds the idempotency records and rate-limit buckets answers. Bound
 * only where they live in Redis: in process memory there is no cache to wait for.
 */
export interface CacheReadiness {
  /** Resolves, never rejects: false when the cache refuses or hangs. */
  answers(): Promise<boolean>;
}
