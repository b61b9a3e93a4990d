import type Redis from 'ioredis';
import { Clock } from '@cashout/platform';
import { ClaimTerms, IdempotencyRecord, StoredOutcome, isLive } from '../domain/idempotency';
import { ClaimResult, IdempotencyStore } from '../idempotency-store.port';

/*
 * One hash per key: fingerprint, state, expiresAtMs, owner, leaseExpiresAtMs and the outcome
 * as opaque JSON text. A hash rather than one JSON string so that Lua compares fields
 * without decoding the outcome (cjson would turn an empty array of the body into an object).
 *
 * Expiry has two clocks on purpose: the record is live while expiresAtMs (from the injected
 * clock, as isLive() and the in-memory twin decide) is ahead, and PEXPIRE with the same TTL
 * lets Redis collect it. The lease is logical only (leaseExpiresAtMs): the record must
 * outlive it to keep the key bound to its body. The claim script is claimRecord() of the
 * domain in one atomic step; times are computed by the caller, so Lua only compares them.
 */

/**
 * KEYS: record. ARGV: fingerprint, owner, nowMs, leaseExpiresAtMs, expiresAtMs, ttlMs.
 * Returns {1, takenOver} when claimed, or the live record's fields.
 */
const CLAIM_LUA = `
local r = redis.call('HMGET', KEYS[1], 'fingerprint', 'state', 'expiresAtMs', 'owner', 'leaseExpiresAtMs', 'outcome')
local now = tonumber(ARGV[3])
local takenOver = 0
if tonumber(r[3] or '0') > now then
  if r[2] ~= 'IN_FLIGHT' or r[1] ~= ARGV[1] or tonumber(r[5] or '0') > now then return r end
  takenOver = 1
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'fingerprint', ARGV[1], 'state', 'IN_FLIGHT', 'expiresAtMs', ARGV[5], 'owner', ARGV[2], 'leaseExpiresAtMs', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return {1, takenOver}
`;

/** KEYS: record. ARGV: owner, outcome JSON, nowMs. Only the owner's live in-flight record. */
const COMPLETE_LUA = `
local r = redis.call('HMGET', KEYS[1], 'owner', 'state', 'expiresAtMs')
if r[1] ~= ARGV[1] or r[2] ~= 'IN_FLIGHT' or tonumber(r[3] or '0') <= tonumber(ARGV[3]) then return 0 end
redis.call('HSET', KEYS[1], 'state', 'DONE', 'outcome', ARGV[2])
return 1
`;

/** KEYS: record. ARGV: owner. */
const RELEASE_LUA = `
local r = redis.call('HMGET', KEYS[1], 'owner', 'state')
if r[1] ~= ARGV[1] or r[2] ~= 'IN_FLIGHT' then return 0 end
return redis.call('DEL', KEYS[1])
`;

const FIELDS = ['fingerprint', 'state', 'expiresAtMs', 'owner', 'leaseExpiresAtMs', 'outcome'] as const;
type RecordFields = [string | null, string | null, string | null, string | null, string | null, string | null];

interface IdempotencyScripts {
  idempotencyClaim(
    key: string,
    fingerprint: string,
    owner: string,
    nowMs: number,
    leaseExpiresAtMs: number,
    expiresAtMs: number,
    ttlMs: number,
  ): Promise<[1, 0 | 1] | RecordFields>;
  idempotencyComplete(key: string, owner: string, outcome: string, nowMs: number): Promise<number>;
  idempotencyRelease(key: string, owner: string): Promise<number>;
}

const SCRIPTS: Record<keyof IdempotencyScripts, string> = {
  idempotencyClaim: CLAIM_LUA,
  idempotencyComplete: COMPLETE_LUA,
  idempotencyRelease: RELEASE_LUA,
};

const recordKey = (key: string): string => `idempotency:${key}`;

/** Records written before leases existed have no owner and no lease: a retry may take them over. */
function toRecord(key: string, [fingerprint, state, expiresAtMs, owner, leaseExpiresAtMs, outcome]: RecordFields): IdempotencyRecord | undefined {
  if (fingerprint === null || (state !== 'IN_FLIGHT' && state !== 'DONE') || expiresAtMs === null) return undefined;
  return {
    key,
    fingerprint,
    state,
    expiresAtMs: Number(expiresAtMs),
    owner: owner ?? '',
    leaseExpiresAtMs: leaseExpiresAtMs === null ? 0 : Number(leaseExpiresAtMs),
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

  async claim(key: string, fingerprint: string, owner: string, terms: ClaimTerms): Promise<ClaimResult> {
    const nowMs = this.clock.now().getTime();
    const reply = await this.redis.idempotencyClaim(recordKey(key), fingerprint, owner, nowMs, nowMs + terms.leaseMs, nowMs + terms.ttlMs, terms.ttlMs);
    if (reply[0] === 1) return { claimed: true, takenOver: reply[1] === 1 };
    // Lua returns false for a missing hash field; the record's fields are all strings.
    const existing = toRecord(key, reply.map((field) => (typeof field === 'string' ? field : null)) as RecordFields);
    if (!existing) throw new Error('idempotency record in Redis is malformed');
    return { claimed: false, existing };
  }

  async find(key: string): Promise<IdempotencyRecord | undefined> {
    const fields = await this.redis.hmget(recordKey(key), ...FIELDS);
    const record = toRecord(key, fields as RecordFields);
    return record && isLive(record, this.clock.now().getTime()) ? record : undefined;
  }

  async complete(key: string, owner: string, outcome: StoredOutcome): Promise<boolean> {
    return (await this.redis.idempotencyComplete(recordKey(key), owner, JSON.stringify(outcome), this.clock.now().getTime())) === 1;
  }

  async release(key: string, owner: string): Promise<void> {
    await this.redis.idempotencyRelease(recordKey(key), owner);
  }
}
