import type Redis from 'ioredis';
import { Clock, systemClock } from '@cashout/platform';
import { RiskReason } from '../domain/risk-reason';
import { HOUR_MS, ReservationStatus, Usage } from '../domain/usage';
import { CommitOutcome, ReleaseOutcome, ReservationRequest, ReserveResult, RiskCountersRepository } from '../risk-counters.repository.port';

/*
 * Design: the rules stay in the pure domain (the `decide` callback), Redis only counts.
 *
 * Each operation is optimistic: a read-only script takes a consistent snapshot (the
 * reservation's status and the four usage figures), the domain decides on it, then a
 * writing script applies the change only if that snapshot is still what Redis holds;
 * otherwise the caller reads again and decides again. For reservations the guard compares
 * the usage figures themselves rather than a version number: `decide` is a function of the
 * usage alone, so equal figures mean an equal decision, whatever happened in between.
 * Implementing the limits inside Lua would have duplicated the rules in a second language;
 * this way the same domain code decides for both adapters and the shared contract suite
 * only has to prove that the usage figures are the same.
 *
 * Keys (under the client's `cashout:risk-engine:` prefix):
 *   reservation:<intentId>              hash: status, amount, client, agent, currency, timestamps
 *   client:<clientId>:day:<YYYY-MM-DD>  integer total of the UTC day
 *   client:<clientId>:month:<YYYY-MM>   integer total of the UTC month
 *   client:<clientId>:last-hour         sorted set intentId -> reservedAt ms, trimmed on write
 *   agent:<agentId>:day:<YYYY-MM-DD>    integer total of the agent's UTC day
 * Every key a script touches is passed in KEYS (ioredis prefixes KEYS, never names built in
 * Lua), so release and commit first read the reservation to learn its period keys and the
 * script re-checks that the reservation has not changed since.
 */

const DAY_TTL_S = 2 * 24 * 60 * 60;
/** A month is at most 31 days; the margin covers releases that arrive late. */
const MONTH_TTL_S = 35 * 24 * 60 * 60;
const LAST_HOUR_TTL_MS = HOUR_MS + 5 * 60 * 1000;
/** Idempotency per intent must outlive every window its reservation counts in. */
const RESERVATION_TTL_S = MONTH_TTL_S;
/** Each retry means another writer won; a client's concurrency is far below this. */
const MAX_ATTEMPTS = 100;

const USAGE_LUA = `
local function usage(dayKey, monthKey, hourKey, agentKey, hourStart)
  return {
    tonumber(redis.call('GET', dayKey) or '0'),
    tonumber(redis.call('GET', monthKey) or '0'),
    redis.call('ZCOUNT', hourKey, '(' .. hourStart, '+inf'),
    tonumber(redis.call('GET', agentKey) or '0'),
  }
end
`;

/** Counts an amount in the four windows: the day, month and agent-day totals, and the last-hour set. */
const ADD_USAGE_LUA = `
local function add_usage(dayKey, monthKey, hourKey, agentKey, amount, atMs, member, dayTtlS, monthTtlS, hourTtlMs)
  redis.call('INCRBY', dayKey, amount)
  redis.call('EXPIRE', dayKey, dayTtlS)
  redis.call('INCRBY', monthKey, amount)
  redis.call('EXPIRE', monthKey, monthTtlS)
  redis.call('ZADD', hourKey, atMs, member)
  redis.call('PEXPIRE', hourKey, hourTtlMs)
  redis.call('INCRBY', agentKey, amount)
  redis.call('EXPIRE', agentKey, dayTtlS)
end
`;

/** KEYS: day, month, last-hour, agent-day. ARGV: hourStartMs. */
const READ_USAGE_LUA = `${USAGE_LUA}
return usage(KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[1])
`;

/** KEYS: reservation, day, month, last-hour, agent-day. ARGV: hourStartMs. */
const READ_SNAPSHOT_LUA = `${USAGE_LUA}
local u = usage(KEYS[2], KEYS[3], KEYS[4], KEYS[5], ARGV[1])
return { redis.call('HGET', KEYS[1], 'status') or '', u[1], u[2], u[3], u[4] }
`;

/**
 * KEYS: reservation, day, month, last-hour, agent-day.
 * ARGV: expectedStatus, dayTotal, monthTotal, lastHourCount, agentDayTotal (the snapshot the
 * decision was made on), hourStartMs, nowMs, intentId, clientId, agentId, amount, currency,
 * nowIso, dayTtlS, monthTtlS, lastHourTtlMs, reservationTtlS.
 */
const RESERVE_LUA = `${USAGE_LUA}${ADD_USAGE_LUA}
local status = redis.call('HGET', KEYS[1], 'status') or ''
if status ~= ARGV[1] then return 'changed' end
local u = usage(KEYS[2], KEYS[3], KEYS[4], KEYS[5], ARGV[6])
for i = 1, 4 do
  if u[i] ~= tonumber(ARGV[i + 1]) then return 'changed' end
end
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', ARGV[6])
add_usage(KEYS[2], KEYS[3], KEYS[4], KEYS[5], ARGV[11], ARGV[7], ARGV[8], ARGV[14], ARGV[15], ARGV[16])
redis.call('HDEL', KEYS[1], 'releasedAt', 'committedAt')
redis.call('HSET', KEYS[1], 'status', 'ACTIVE', 'intentId', ARGV[8], 'clientId', ARGV[9], 'agentId', ARGV[10],
  'amount', ARGV[11], 'currency', ARGV[12], 'reservedAtMs', ARGV[7], 'reservedAt', ARGV[13])
redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('EXPIRE', KEYS[1], ARGV[17])
return 'reserved'
`;

/**
 * KEYS: reservation, its day, month, last-hour, agent-day. ARGV: reservedAtMs, intentId, nowIso.
 * A counter that has already expired is not recreated negative.
 */
const RELEASE_LUA = `
local r = redis.call('HMGET', KEYS[1], 'status', 'reservedAtMs', 'amount')
if r[1] ~= 'ACTIVE' or r[2] ~= ARGV[1] then return 'changed' end
for _, key in ipairs({ KEYS[2], KEYS[3], KEYS[5] }) do
  if redis.call('EXISTS', key) == 1 then redis.call('DECRBY', key, r[3]) end
end
redis.call('ZREM', KEYS[4], ARGV[2])
redis.call('HSET', KEYS[1], 'status', 'RELEASED', 'releasedAt', ARGV[3])
redis.call('HINCRBY', KEYS[1], 'version', 1)
return 'released'
`;

/** KEYS: reservation. ARGV: nowIso, ttlS. A release before any reservation: the mark that forbids one. */
const RELEASE_UNKNOWN_LUA = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 'changed' end
redis.call('HSET', KEYS[1], 'status', 'RELEASED', 'releasedAt', ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 'released'
`;

/**
 * KEYS: reservation, its day, month, last-hour, agent-day.
 * ARGV: expectedStatus, reservedAtMs, intentId, nowIso, dayTtlS, monthTtlS, lastHourTtlMs.
 */
const COMMIT_LUA = `${ADD_USAGE_LUA}
local r = redis.call('HMGET', KEYS[1], 'status', 'reservedAtMs', 'amount')
if r[1] ~= ARGV[1] or r[2] ~= ARGV[2] then return 'changed' end
if r[1] == 'RELEASED' then
  add_usage(KEYS[2], KEYS[3], KEYS[4], KEYS[5], r[3], r[2], ARGV[3], ARGV[5], ARGV[6], ARGV[7])
end
redis.call('HSET', KEYS[1], 'status', 'COMMITTED', 'committedAt', ARGV[4])
redis.call('HINCRBY', KEYS[1], 'version', 1)
return 'committed'
`;

type ScriptArg = string | number;
type UsageReply = [number, number, number, number];
type SnapshotReply = [string, number, number, number, number];

interface RiskScripts {
  riskReadUsage(...args: ScriptArg[]): Promise<UsageReply>;
  riskReadSnapshot(...args: ScriptArg[]): Promise<SnapshotReply>;
  riskReserve(...args: ScriptArg[]): Promise<'reserved' | 'changed'>;
  riskRelease(...args: ScriptArg[]): Promise<'released' | 'changed'>;
  riskReleaseUnknown(...args: ScriptArg[]): Promise<'released' | 'changed'>;
  riskCommit(...args: ScriptArg[]): Promise<'committed' | 'changed'>;
}

const SCRIPTS: Record<keyof RiskScripts, { lua: string; numberOfKeys: number; readOnly?: boolean }> = {
  riskReadUsage: { lua: READ_USAGE_LUA, numberOfKeys: 4, readOnly: true },
  riskReadSnapshot: { lua: READ_SNAPSHOT_LUA, numberOfKeys: 5, readOnly: true },
  riskReserve: { lua: RESERVE_LUA, numberOfKeys: 5 },
  riskRelease: { lua: RELEASE_LUA, numberOfKeys: 5 },
  riskReleaseUnknown: { lua: RELEASE_UNKNOWN_LUA, numberOfKeys: 1 },
  riskCommit: { lua: COMMIT_LUA, numberOfKeys: 5 },
};

interface StoredReservation {
  status: ReservationStatus;
  clientId: string;
  agentId: string;
  reservedAtMs: string;
}

const dayOf = (at: Date): string => at.toISOString().slice(0, 10);
const monthOf = (at: Date): string => at.toISOString().slice(0, 7);
const reservationKey = (intentId: string): string => `reservation:${intentId}`;

/** The counter keys a reservation made at `at` counts in, in the scripts' KEYS order. */
function counterKeys(clientId: string, agentId: string, at: Date): [string, string, string, string] {
  return [
    `client:${clientId}:day:${dayOf(at)}`,
    `client:${clientId}:month:${monthOf(at)}`,
    `client:${clientId}:last-hour`,
    `agent:${agentId}:day:${dayOf(at)}`,
  ];
}

const toUsage = ([clientDayTotal, clientMonthTotal, clientCashOutsLastHour, agentDayTotal]: readonly number[]): Usage => ({
  clientDayTotal,
  clientMonthTotal,
  clientCashOutsLastHour,
  agentDayTotal,
});

/** The production twin of InMemoryRiskCountersRepository; the contract suite runs on both. */
export class RedisRiskCountersRepository implements RiskCountersRepository {
  private readonly redis: Redis & RiskScripts;

  constructor(
    redis: Redis,
    private readonly clock: Clock = systemClock,
  ) {
    for (const [name, definition] of Object.entries(SCRIPTS)) redis.defineCommand(name, definition);
    this.redis = redis as Redis & RiskScripts;
  }

  async usageFor(clientId: string, agentId: string, now: Date): Promise<Usage> {
    const reply = await this.redis.riskReadUsage(...counterKeys(clientId, agentId, now), now.getTime() - HOUR_MS);
    return toUsage(reply);
  }

  async reserveIfAllowed(request: ReservationRequest, decide: (usage: Usage) => RiskReason[], now: Date): Promise<ReserveResult> {
    const keys = [reservationKey(request.intentId), ...counterKeys(request.clientId, request.agentId, now)];
    const hourStartMs = now.getTime() - HOUR_MS;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const [status, ...figures] = await this.redis.riskReadSnapshot(...keys, hourStartMs);
      if (status === 'ACTIVE' || status === 'COMMITTED') return { outcome: 'already-reserved', reasons: [] };
      if (status === 'RELEASED') return { outcome: 'refused', reasons: ['RESERVATION_RELEASED'] };
      // The snapshot was consistent when read, so a refusal decided on it is a valid answer.
      const reasons = decide(toUsage(figures));
      if (reasons.length > 0) return { outcome: 'refused', reasons };
      const written = await this.redis.riskReserve(
        ...keys,
        status,
        ...figures,
        hourStartMs,
        now.getTime(),
        request.intentId,
        request.clientId,
        request.agentId,
        request.amount,
        request.currency,
        now.toISOString(),
        DAY_TTL_S,
        MONTH_TTL_S,
        LAST_HOUR_TTL_MS,
        RESERVATION_TTL_S,
      );
      if (written === 'reserved') return { outcome: 'reserved', reasons: [] };
    }
    throw new Error(`reservation of intent ${request.intentId} kept conflicting after ${MAX_ATTEMPTS} attempts`);
  }

  async release(intentId: string): Promise<ReleaseOutcome> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const stored = await this.read(intentId);
      if (!stored) {
        const status = await this.redis.hget(reservationKey(intentId), 'status');
        if (status === 'RELEASED') return 'already-released';
        if (status) continue;
        const marked = await this.redis.riskReleaseUnknown(reservationKey(intentId), this.clock.now().toISOString(), RESERVATION_TTL_S);
        if (marked === 'released') return 'not-found';
        continue;
      }
      if (stored.status === 'RELEASED') return 'already-released';
      if (stored.status === 'COMMITTED') return 'committed';
      const written = await this.redis.riskRelease(...this.keysOf(intentId, stored), stored.reservedAtMs, intentId, this.clock.now().toISOString());
      if (written === 'released') return 'released';
    }
    throw new Error(`release of intent ${intentId} kept conflicting after ${MAX_ATTEMPTS} attempts`);
  }

  async commit(intentId: string): Promise<CommitOutcome> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const stored = await this.read(intentId);
      if (!stored) return 'not-found';
      if (stored.status === 'COMMITTED') return 'already-committed';
      // A success after a release still moved the money: the script makes it count again.
      const written = await this.redis.riskCommit(
        ...this.keysOf(intentId, stored),
        stored.status,
        stored.reservedAtMs,
        intentId,
        this.clock.now().toISOString(),
        DAY_TTL_S,
        MONTH_TTL_S,
        LAST_HOUR_TTL_MS,
      );
      if (written === 'committed') return 'committed';
    }
    throw new Error(`commit of intent ${intentId} kept conflicting after ${MAX_ATTEMPTS} attempts`);
  }

  private async read(intentId: string): Promise<StoredReservation | undefined> {
    const [status, clientId, agentId, reservedAtMs] = await this.redis.hmget(reservationKey(intentId), 'status', 'clientId', 'agentId', 'reservedAtMs');
    if (!status || !clientId || !agentId || !reservedAtMs) return undefined;
    return { status: status as ReservationStatus, clientId, agentId, reservedAtMs };
  }

  /** The reservation's own period keys: a late release frees the day it was made in. */
  private keysOf(intentId: string, stored: StoredReservation): string[] {
    return [reservationKey(intentId), ...counterKeys(stored.clientId, stored.agentId, new Date(Number(stored.reservedAtMs)))];
  }
}
