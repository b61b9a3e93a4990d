/** A token bucket refilled continuously: `perMinute` tokens a minute, bursts up to `perMinute`. */
export interface TokenBucket {
  tokens: number;
  updatedAtMs: number;
}

export interface TakeResult {
  allowed: boolean;
  bucket: TokenBucket;
  /** When refused: how long until one token is back. */
  retryAfterMs: number;
}

const MINUTE_MS = 60_000;

/**
 * Takes `cost` tokens if at least one is there: cost 1 is a request, cost 0 only asks whether
 * the budget has any left (a failed-login budget is checked before a login and spent after
 * a failure).
 */
export function takeToken(bucket: TokenBucket | undefined, nowMs: number, perMinute: number, cost: 0 | 1 = 1): TakeResult {
  const capacity = perMinute;
  const current = bucket ?? { tokens: capacity, updatedAtMs: nowMs };
  const elapsed = Math.max(0, nowMs - current.updatedAtMs);
  const tokens = Math.min(capacity, current.tokens + (elapsed * perMinute) / MINUTE_MS);
  if (tokens >= 1) {
    return { allowed: true, bucket: { tokens: tokens - cost, updatedAtMs: nowMs }, retryAfterMs: 0 };
  }
  const retryAfterMs = Math.ceil(((1 - tokens) * MINUTE_MS) / perMinute);
  return { allowed: false, bucket: { tokens, updatedAtMs: nowMs }, retryAfterMs };
}
