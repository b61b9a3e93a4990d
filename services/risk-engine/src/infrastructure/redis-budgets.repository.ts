import type Redis from 'ioredis';
import { AdmitResult, BudgetClaim, BudgetsRepository } from '../budgets.repository.port';

/*
 * Keys (under the client's `cashout:risk-engine:` prefix): budget:<name>:<party>, a sorted set
 * member → the time (ms) it stops counting. Every admission first drops the members that
 * stopped counting, so a key never needs a sweeper; the key itself expires with its last member.
 */

/**
 * KEYS: the budgets. ARGV: member, nowMs, untilMs, then one limit per key.
 * Returns {0} when admitted, else {index of the full key (1-based), ms until its oldest member goes}.
 */
const ADMIT_LUA = `
local now = tonumber(ARGV[2])
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  if not redis.call('ZSCORE', key, ARGV[1]) and redis.call('ZCARD', key) >= tonumber(ARGV[3 + i]) then
    local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    return { i, tonumber(oldest[2]) - now }
  end
end
local ttl = tonumber(ARGV[3]) - now
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, 'NX', ARGV[3], ARGV[1])
  if redis.call('PTTL', key) < ttl then redis.call('PEXPIRE', key, ttl) end
end
return { 0 }
`;

export class RedisBudgetsRepository implements BudgetsRepository {
  constructor(private readonly redis: Redis) {}

  async admit(member: string, claims: BudgetClaim[], until: Date, now: Date): Promise<AdmitResult> {
    if (claims.length === 0) return { admitted: true };
    const keys = claims.map((claim) => `budget:${claim.key}`);
    const answer = (await this.redis.eval(
      ADMIT_LUA,
      keys.length,
      ...keys,
      member,
      String(now.getTime()),
      String(Math.max(until.getTime(), now.getTime() + 1)),
      ...claims.map((claim) => String(claim.limit)),
    )) as number[];
    const full = Number(answer[0]);
    if (full === 0) return { admitted: true };
    return { admitted: false, key: claims[full - 1].key, retryAfterMs: Number(answer[1]) };
  }

  async remove(member: string, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const key of keys) pipeline.zrem(`budget:${key}`, member);
    await pipeline.exec();
  }
}
