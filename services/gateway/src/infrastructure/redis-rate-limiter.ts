import type Redis from 'ioredis';
import { Clock } from '@cashout/platform';
import { RateDecision, RateLimiter } from '../rate-limiter.port';

/*
 * The token bucket of domain/token-bucket.ts, run inside Redis so that every gateway
 * instance draws from the same bucket and a take is one atomic step. The Lua mirrors
 * takeToken() line by line (same refill, capacity, retry delay); the shared contract suite
 * and a parity test against takeToken() hold them together. Time comes from the injected
 * clock, like the in-memory twin.
 */

/** An idle bucket is full again after a minute, and a missing bucket counts as full. */
const BUCKET_TTL_MS = 60_000;

/** KEYS: bucket. ARGV: nowMs, perMinute, ttlMs, cost. Returns 0 when allowed, else the retry delay in ms. */
const TAKE_LUA = `
local now = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local stored = redis.call('HMGET', KEYS[1], 'tokens', 'updatedAtMs')
local tokens = capacity
local updated = now
if stored[1] and stored[2] then
  tokens = tonumber(stored[1])
  updated = tonumber(stored[2])
end
local elapsed = math.max(0, now - updated)
tokens = math.min(capacity, tokens + (elapsed * capacity) / 60000)
local retry = 0
if tokens >= 1 then
  tokens = tokens - tonumber(ARGV[4])
else
  retry = math.ceil(((1 - tokens) * 60000) / capacity)
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'updatedAtMs', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return retry
`;

interface RateLimitScripts {
  rateLimitTake(key: string, nowMs: number, perMinute: number, ttlMs: number, cost: number): Promise<number>;
}

/** The production twin of InMemoryRateLimiter: buckets shared by every gateway instance. */
export class RedisRateLimiter implements RateLimiter {
  private readonly redis: Redis & RateLimitScripts;

  constructor(
    redis: Redis,
    private readonly clock: Clock,
  ) {
    redis.defineCommand('rateLimitTake', { lua: TAKE_LUA, numberOfKeys: 1 });
    this.redis = redis as Redis & RateLimitScripts;
  }

  async take(key: string, perMinute: number, cost: 0 | 1 = 1): Promise<RateDecision> {
    const retryAfterMs = await this.redis.rateLimitTake(`rate:${key}`, this.clock.now().getTime(), perMinute, BUCKET_TTL_MS, cost);
    return retryAfterMs === 0 ? { allowed: true } : { allowed: false, retryAfterMs };
  }
}
