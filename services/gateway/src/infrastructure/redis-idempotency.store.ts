import type Redis from 'ioredis';
import { Clock } from '@cashout/platform';
import { IdempotencyRecord, StoredOutcome } from '../domain/idempotency';
import { ClaimResult, IdempotencyStore } from '../idempotency/idempotency-store.port';

/*
 * One hash per key: fingerprint, state, expiresAtMs and the outcome as opaque JSON text.
 * A hash rather than one JSON string so that Lua compares fields without decoding the
 * outcome (cjson would turn an empty array of the body into an object).
 *
 * Expiry has two clocks on purpose: the record is live while expiresAtMs (from the injected
 * clock, as isLive() and the in-memory twin decide) is ahead, and PEXPIRE with the same TTL
 * lets Redis collect it. The claim is the atomic SET NX PX of the key, extended to treat a
 * record that is logically expired as absent.
 */

/** KEYS: record. ARGV: fingerprint, nowMs, ttlMs, expiresAtMs. Returns 1, or the live record. */
const CLAIM_LUA = `
local expires = tonumber(redis.call('HGET', KEYS[1], 'expiresAtMs') or '0')
if expires > tonumber(ARGV[2]) then
  return redis.call('HMGET', KEYS[1], 'fingerprint', 'state', 'expiresAtMs', 'outcome')
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'fingerprint', ARGV[1], 'state', 'IN_FLIGHT', 'expiresAtMs', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`;

/** KEYS: record. ARGV: fingerprint, outcome JSON. Only this caller's in-flight record. */
const COMPLETE_LUA = `
local r = redis.call('HMGET', KEYS[1], 'fingerprint', 'state')
if r[1] ~= ARGV[1] or r[2] ~= 'IN_FLIGHT' then return 0 end
redis.call('HSET', KEYS[1], 'state', 'DONE', 'outcome', ARGV[2])
return 1
`;

/** KEYS: record. ARGV: fingerprint. */
const RELEASE_LUA = `
local r = redis.call('HMGET', KEYS[1], 'fingerprint', 'state')
if r[1] ~= ARGV[1] or r[2] ~= 'IN_FLIGHT' then return 0 end
return redis.call('DEL', KEYS[1])
`;

type RecordFields = [string | null, string | null, string | null, string | null];

interface IdempotencyScripts {
  idempotencyClaim(key: string, fingerprint: string, nowMs: number, ttlMs: number, expiresAtMs: number): Promise<1 | RecordFields>;
  idempotencyComplete(key: string, fingerprint: string, outcome: string): Promise<number>;
  idempotencyRelease(key: string, fingerprint: string): Promise<number>;
}

const SCRIPTS: Record<keyof IdempotencyScripts, string> = {
  idempotencyClaim: CLAIM_LUA,
  idempotencyComplete: COMPLETE_LUA,
  idempotencyRelease: RELEASE_LUA,
};

const recordKey = (key: string): string => `idempotency:${key}`;

function toRecord(key: string, [fingerprint, state, expiresAtMs, outcome]: RecordFields): IdempotencyRecord | undefined {
  if (fingerprint === null || (state !== 'IN_FLIGHT' && state !== 'DONE') || expiresAtMs === null) return undefined;
  return {
    key,
    fingerprint,
    state,
    expiresAtMs: Number(expiresAtMs),
    ...(outcome !== null ? { outcome: JSON.parse(outcome) as StoredOutcome } : {}),
  };
}

/** The production twin of InMemoryIdempotencyStore: records shared by every gateway instance. */
export class RedisIdempotencyStore implements IdempotencyStore {
  private readonly redis: Redis & IdempotencyScripts;

  constructor(
    redis: Redis,
    private readonly clock: Clock,
  ) {
    for (const [name, lua] of Object.entries(SCRIPTS)) redis.defineCommand(name, { lua, numberOfKeys: 1 });
    this.redis = redis as Redis & IdempotencyScripts;
  }

  async claim(key: string, fingerprint: string, ttlMs: number): Promise<ClaimResult> {
    const nowMs = this.clock.now().getTime();
    const reply = await this.redis.idempotencyClaim(recordKey(key), fingerprint, nowMs, ttlMs, nowMs + ttlMs);
    if (reply === 1) return { claimed: true };
    const existing = toRecord(key, reply);
    if (!existing) throw new Error('idempotency record in Redis is malformed');
    return { claimed: false, existing };
  }

  async find(key: string): Promise<IdempotencyRecord | undefined> {
    const fields = await this.redis.hmget(recordKey(key), 'fingerprint', 'state', 'expiresAtMs', 'outcome');
    const record = toRecord(key, fields as RecordFields);
    return record && record.expiresAtMs > this.clock.now().getTime() ? record : undefined;
  }

  async complete(key: string, fingerprint: string, outcome: StoredOutcome): Promise<void> {
    await this.redis.idempotencyComplete(recordKey(key), fingerprint, JSON.stringify(outcome));
  }

  async release(key: string, fingerprint: string): Promise<void> {
    await this.redis.idempotencyRelease(recordKey(key), fingerprint);
  }
}
