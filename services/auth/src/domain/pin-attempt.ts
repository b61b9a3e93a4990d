import { PayloadOf, Role } from '@cashout/shared-contracts';
import { RecordedCheck, SecretComparison, findRecordedCheck, recordCheck } from './recorded-checks';

export type PinRejectionReason = PayloadOf<'PinRejected'>['reason'];

export type PinCheckOutcome = { verified: true } | { verified: false; reason: PinRejectionReason; attemptsLeft: number };

export type LoginOutcome = 'SUCCESS' | 'INVALID_CREDENTIALS' | 'PIN_LOCKED';

/**
 * A user's PIN lockout state. Login and PIN checks share one failure count: both prove
 * knowledge of the same PIN, so guessing through either must lock both. A lock lasts until
 * `lockedUntil` and heals by itself; each lock in a row (no success in between) lasts twice
 * as long as the one before (`lockouts` counts them). A lock without `lockedUntil` was
 * written before locks healed: it counts as healed.
 */
export interface PinState {
  failures: number;
  locked: boolean;
  /** When the current lock ends (ISO 8601). */
  lockedUntil?: string;
  /** Locks in a row since the last success: the next one lasts twice as long. */
  lockouts?: number;
  pinChecks: RecordedCheck<PinCheckOutcome>[];
  logins: RecordedCheck<LoginOutcome>[];
}

/** How many consecutive failures lock, and for how long. */
export interface LockPolicy {
  maxAttempts: number;
  /** The first lock's length; each further lock in a row doubles it. */
  lockSeconds: number;
  /** No lock lasts longer. */
  maxLockSeconds: number;
}

/** Whether the PIN is locked at `now`. */
export function isLocked(state: PinState, now: Date): boolean {
  return state.locked && state.lockedUntil !== undefined && Date.parse(state.lockedUntil) > now.getTime();
}

/**
 * The state (the whole document it is part of) without its lock and failures; the count of
 * locks in a row stays unless `forget`. The fields go rather than being set to undefined, so
 * the result replaces the document whole.
 */
function withoutLock<S extends PinState>(state: S, forget: boolean): S {
  const { lockedUntil: _lockedUntil, lockouts, ...rest } = state;
  return { ...rest, failures: 0, locked: false, ...(!forget && lockouts !== undefined ? { lockouts } : {}) } as S;
}

/** A lock that has run out is lifted (failures start again from 0); anything else is as it was. */
function healed<S extends PinState>(state: S, now: Date): S {
  return state.locked && !isLocked(state, now) ? withoutLock(state, false) : state;
}

/** Staff lifting a lock: the failures and the locks in a row are forgotten. */
export function unlockedPin<S extends PinState>(state: S): S {
  return withoutLock(state, true);
}

/** The length of the next lock: the first lasts `lockSeconds`, each one in a row twice the last. */
export function lockSecondsFor(lockouts: number, policy: LockPolicy): number {
  return Math.min(policy.maxLockSeconds, policy.lockSeconds * 2 ** Math.min(30, Math.max(0, lockouts - 1)));
}

export interface PinCheckRequest {
  stepId: string;
  now: Date;
  /** False when a token was presented (Mobile Pro) and it is not this agent's valid token. */
  tokenAccepted: boolean;
  comparison: SecretComparison;
}

export interface LoginRequest {
  requestId: string;
  now: Date;
  comparison: SecretComparison;
}

/** The subject of a verified token, as far as the PIN check cares. */
export interface TokenSubject {
  sub: string;
  role: Role;
}

/** Mobile Pro: the token must belong to the very agent whose PIN is checked. */
export function isTokenForAgent(subject: TokenSubject | undefined, agentUserId: string): boolean {
  return subject !== undefined && subject.role === 'AGENT' && subject.sub === agentUserId;
}

export function pinAttemptsLeft(state: PinState, policy: LockPolicy, now: Date): number {
  const current = healed(state, now);
  return isLocked(current, now) ? 0 : Math.max(0, policy.maxAttempts - current.failures);
}

type AttemptResult = 'LOCKED' | 'MATCH' | 'MISMATCH' | 'NOT_COUNTED';

/** Applies one PIN attempt: a success resets the count, consecutive failures lock for a while. */
function applyAttempt<S extends PinState>(state: S, comparison: SecretComparison, policy: LockPolicy, now: Date): { state: S; result: AttemptResult } {
  const current = healed(state, now);
  if (isLocked(current, now)) return { state: current, result: 'LOCKED' };
  if (comparison === 'MATCH') return { state: withoutLock(current, true), result: 'MATCH' };
  if (comparison === 'MISMATCH') {
    const failures = current.failures + 1;
    if (failures < policy.maxAttempts) return { state: { ...current, failures }, result: 'MISMATCH' };
    const lockouts = (current.lockouts ?? 0) + 1;
    const lockedUntil = new Date(now.getTime() + lockSecondsFor(lockouts, policy) * 1000).toISOString();
    return { state: { ...current, failures, locked: true, lockedUntil, lockouts }, result: 'LOCKED' };
  }
  return { state: current, result: 'NOT_COUNTED' };
}

export function recordedPinCheck(state: PinState, stepId: string): PinCheckOutcome | undefined {
  return findRecordedCheck(state.pinChecks, stepId);
}

export function recordedLogin(state: PinState, requestId: string): LoginOutcome | undefined {
  return findRecordedCheck(state.logins, requestId);
}

/** Whether the PIN hash needs comparing at all: never for a locked user or a refused token. */
export function pinCheckNeedsComparison(state: PinState, tokenAccepted: boolean, now: Date): boolean {
  return tokenAccepted && !isLocked(state, now);
}

/** `state` is the whole user document: the decision's state replaces it whole. */
export function decidePinCheck<S extends PinState>(state: S, request: PinCheckRequest, policy: LockPolicy): { state: S; outcome: PinCheckOutcome } {
  let next = state;
  let outcome: PinCheckOutcome;
  if (!request.tokenAccepted) {
    outcome = { verified: false, reason: 'TOKEN_INVALID', attemptsLeft: pinAttemptsLeft(state, policy, request.now) };
  } else {
    const attempt = applyAttempt(state, request.comparison, policy, request.now);
    next = attempt.state;
    if (attempt.result === 'MATCH') outcome = { verified: true };
    else if (attempt.result === 'LOCKED') outcome = { verified: false, reason: 'LOCKED', attemptsLeft: 0 };
    else outcome = { verified: false, reason: 'INVALID', attemptsLeft: pinAttemptsLeft(next, policy, request.now) };
  }
  return { state: { ...next, pinChecks: recordCheck(next.pinChecks, request.stepId, outcome) }, outcome };
}

/** `state` is the whole user document: the decision's state replaces it whole. */
export function decideLogin<S extends PinState>(state: S, request: LoginRequest, policy: LockPolicy): { state: S; outcome: LoginOutcome } {
  const attempt = applyAttempt(state, request.comparison, policy, request.now);
  const outcome: LoginOutcome = attempt.result === 'MATCH' ? 'SUCCESS' : attempt.result === 'LOCKED' ? 'PIN_LOCKED' : 'INVALID_CREDENTIALS';
  return {
    state: { ...attempt.state, logins: recordCheck(attempt.state.logins, request.requestId, outcome) },
    outcome,
  };
}
