import { ERROR_CODES } from '@cashout/shared-contracts';
import { confirmAfterWait, confirmHttpStatus } from '../src/http/confirm-outcome';
import { errorCodeForHttpStatus, httpStatusFor } from '../src/http/error-status';
import { IdempotencyRecord, canonicalJson, claimRecord, decideIdempotency, isReplayable } from '../src/domain/idempotency';
import { forwardsBearerTokenForPin, intentEntryFor } from '../src/domain/intent-entry';
import { takeToken } from '../src/domain/token-bucket';

describe('error statuses', () => {
  it.each([
    ['VALIDATION_FAILED', 400],
    ['MALFORMED_JSON', 400],
    ['UNAUTHENTICATED', 401],
    ['INVALID_CREDENTIALS', 401],
    ['FORBIDDEN', 403],
    ['NOT_FOUND', 404],
    ['INVALID_STATE', 409],
    ['IDEMPOTENCY_KEY_REUSED', 409],
    ['RISK_DENIED', 422],
    ['INSUFFICIENT_FUNDS', 422],
    ['OTP_INVALID', 422],
    ['PIN_INVALID', 422],
    ['OTP_EXPIRED', 422],
    ['OTP_RESEND_LIMIT', 422],
    ['OTP_RESEND_TOO_SOON', 422],
    ['PIN_LOCKED', 423],
    ['RATE_LIMITED', 429],
    ['INTERNAL', 500],
    ['OTP_DELIVERY_FAILED', 503],
    ['TIMEOUT', 504],
  ] as const)('given %s, when mapped, then the status is %i', (code, status) => {
    expect(httpStatusFor(code)).toBe(status);
  });

  it('given every platform error code, when mapped, then each has a status', () => {
    for (const code of ERROR_CODES) expect(httpStatusFor(code)).toBeGreaterThanOrEqual(400);
  });

  it('given only client-side codes, when mapped, then none is a 5xx except the server ones', () => {
    const serverSide = ERROR_CODES.filter((code) => httpStatusFor(code) >= 500);
    expect(serverSide.sort()).toEqual(['INTERNAL', 'OTP_DELIVERY_FAILED', 'TIMEOUT']);
  });

  it('given an unknown route (404), when turned into a code, then it is NOT_FOUND', () => {
    expect(errorCodeForHttpStatus(404)).toBe('NOT_FOUND');
  });

  it('given an unexpected 4xx from the framework, when turned into a code, then it stays a 4xx code', () => {
    expect(httpStatusFor(errorCodeForHttpStatus(418))).toBe(400);
  });

  it('given a 5xx from the framework, when turned into a code, then it is INTERNAL', () => {
    expect(errorCodeForHttpStatus(502)).toBe('INTERNAL');
  });
});

describe('confirm outcome', () => {
  it('given a SUCCEEDED reply, when answering, then 200', () => {
    expect(confirmHttpStatus('SUCCEEDED')).toBe(200);
  });

  it('given a FAILED reply, when answering, then 200 (a final state)', () => {
    expect(confirmHttpStatus('FAILED')).toBe(200);
  });

  it('given a PROCESSING reply, when answering, then 202', () => {
    expect(confirmHttpStatus('PROCESSING')).toBe(202);
  });

  it('given no reply in time and a PROCESSING intent, when answering, then 202', () => {
    expect(confirmAfterWait('PROCESSING')).toEqual({ kind: 'answer', status: 202 });
  });

  it.each(['SUCCEEDED', 'FAILED', 'CANCELED', 'EXPIRED'] as const)('given no reply in time and a %s intent, when answering, then 200', (status) => {
    expect(confirmAfterWait(status)).toEqual({ kind: 'answer', status: 200 });
  });

  it.each(['PIN_VERIFIED', 'OTP_VERIFIED', 'OTP_SENT', 'CREATED'] as const)(
    'given no reply in time and a %s intent (the confirm checks still running), when answering, then keep waiting',
    (status) => {
      expect(confirmAfterWait(status)).toEqual({ kind: 'keep-waiting' });
    },
  );
});

describe('intent entry points', () => {
  it('given an AGENT, when creating an intent, then Mobile Pro', () => {
    expect(intentEntryFor('AGENT')).toEqual({ kind: 'mobile-pro', channel: 'MOBILE_PRO' });
  });

  it.each(['ADMIN', 'OPERATOR'] as const)('given an %s, when creating an intent, then CMMS', (role) => {
    expect(intentEntryFor(role)).toEqual({ kind: 'cmms', channel: 'CMMS' });
  });

  it('given a CLIENT, when creating an intent, then refused', () => {
    expect(intentEntryFor('CLIENT').kind).toBe('refused');
  });

  it('given an AGENT, when verifying a PIN, then the bearer token is forwarded', () => {
    expect(forwardsBearerTokenForPin('AGENT')).toBe(true);
  });

  it.each(['ADMIN', 'OPERATOR'] as const)('given an %s, when verifying a PIN, then no token is forwarded', (role) => {
    expect(forwardsBearerTokenForPin(role)).toBe(false);
  });
});

describe('token bucket', () => {
  it('given a fresh bucket, when taking, then allowed', () => {
    expect(takeToken(undefined, 0, 2).allowed).toBe(true);
  });

  it('given an empty bucket, when taking at once, then refused with a retry delay', () => {
    const first = takeToken(undefined, 0, 2);
    const second = takeToken(first.bucket, 0, 2);
    const third = takeToken(second.bucket, 0, 2);
    expect(third.allowed).toBe(false);
    expect(third.retryAfterMs).toBe(30_000);
  });

  it('given an empty bucket, when the refill time passed, then allowed again', () => {
    const empty = takeToken(takeToken(undefined, 0, 1).bucket, 0, 1);
    expect(empty.allowed).toBe(false);
    expect(takeToken(empty.bucket, 60_000, 1).allowed).toBe(true);
  });

  it('given a long idle time, when refilling, then never above capacity', () => {
    const bucket = takeToken(undefined, 0, 3).bucket;
    expect(takeToken(bucket, 10 * 60_000, 3).bucket.tokens).toBe(2);
  });
});

describe('idempotency decisions', () => {
  const record = (overrides: Partial<IdempotencyRecord> = {}): IdempotencyRecord => ({
    key: 'k',
    fingerprint: 'f1',
    state: 'DONE',
    outcome: { status: 201, body: { id: 'i-1' } },
    owner: 'a',
    leaseExpiresAtMs: 100,
    expiresAtMs: 1_000,
    ...overrides,
  });
  const inFlight = (overrides: Partial<IdempotencyRecord> = {}) => record({ state: 'IN_FLIGHT', outcome: undefined, ...overrides });
  const terms = { leaseMs: 100, ttlMs: 1_000 };

  it('given no record, when deciding, then execute', () => {
    expect(decideIdempotency(undefined, 'f1', 0)).toEqual({ kind: 'execute' });
  });

  it('given a finished record with the same body, when deciding, then replay its outcome', () => {
    expect(decideIdempotency(record(), 'f1', 0)).toEqual({ kind: 'replay', outcome: { status: 201, body: { id: 'i-1' } } });
  });

  it('given a finished record with the same body and a lease long gone, when deciding, then still replay', () => {
    expect(decideIdempotency(record(), 'f1', 999)).toMatchObject({ kind: 'replay' });
  });

  it('given a record with another body, when deciding, then conflict', () => {
    expect(decideIdempotency(record(), 'f2', 0)).toEqual({ kind: 'conflict' });
  });

  it('given an in-flight record with another body and an expired lease, when deciding, then still conflict', () => {
    expect(decideIdempotency(inFlight(), 'f2', 500)).toEqual({ kind: 'conflict' });
  });

  it('given a record still in flight with the same body under a live lease, when deciding, then wait', () => {
    expect(decideIdempotency(inFlight(), 'f1', 99)).toEqual({ kind: 'wait' });
  });

  it('given a record in flight with the same body whose lease ran out, when deciding, then take it over', () => {
    expect(decideIdempotency(inFlight(), 'f1', 100)).toEqual({ kind: 'take-over' });
  });

  it('given an expired record, when deciding, then execute afresh', () => {
    expect(decideIdempotency(record(), 'f2', 1_000)).toEqual({ kind: 'execute' });
  });

  it('given no live record, when claiming, then a fresh in-flight record held by the claimant', () => {
    expect(claimRecord(record({ expiresAtMs: 10 }), 'k', 'f2', 'b', 10, terms)).toEqual({
      claimed: true,
      takenOver: false,
      record: { key: 'k', fingerprint: 'f2', state: 'IN_FLIGHT', owner: 'b', leaseExpiresAtMs: 110, expiresAtMs: 1_010 },
    });
  });

  it('given an in-flight record whose lease ran out, when the same body claims, then taken over with a fresh lease and life', () => {
    expect(claimRecord(inFlight(), 'k', 'f1', 'b', 100, terms)).toEqual({
      claimed: true,
      takenOver: true,
      record: { key: 'k', fingerprint: 'f1', state: 'IN_FLIGHT', owner: 'b', leaseExpiresAtMs: 200, expiresAtMs: 1_100 },
    });
  });

  it.each([
    ['a live lease', inFlight(), 'f1', 99],
    ['another body', inFlight(), 'f2', 100],
    ['a finished record', record(), 'f1', 100],
  ] as const)('given %s, when claiming, then the record stays and is answered', (_label, existing, fingerprint, nowMs) => {
    expect(claimRecord(existing, 'k', fingerprint, 'b', nowMs, terms)).toEqual({ claimed: false, existing });
  });

  it('given a refusal (4xx), when storing, then it is replayable; a timeout (5xx) is not', () => {
    expect(isReplayable(422)).toBe(true);
    expect(isReplayable(504)).toBe(false);
  });

  it('given two bodies differing only in key order, when canonicalised, then equal', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }));
  });

  it('given bodies differing in a value, when canonicalised, then different', () => {
    expect(canonicalJson({ amount: 1000 })).not.toBe(canonicalJson({ amount: 1001 }));
  });
});
