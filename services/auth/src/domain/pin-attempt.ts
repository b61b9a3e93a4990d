import { PayloadOf, Role } from '@cashout/shared-contracts';
import { RecordedCheck, SecretComparison, findRecordedCheck, recordCheck } from './recorded-checks';

export type PinRejectionReason = PayloadOf<'PinRejected'>['reason'];

export type PinCheckOutcome =
  | { verified: true }
  | { verified: false; reason: PinRejectionReason; attemptsLeft: number };

export type LoginOutcome = 'SUCCESS' | 'INVALID_CREDENTIALS' | 'PIN_LOCKED';

/**
 * A user's PIN lockout state. Login and PIN checks share one failure count: both prove
 * knowledge of the same PIN, so guessing through either must lock both.
 */
export interface PinState {
  failures: number;
  locked: boolean;
  pinChecks: RecordedCheck<PinCheckOutcome>[];
  logins: RecordedCheck<LoginOutcome>[];
}

export interface PinCheckRequest {
  stepId: string;
  /** False when a token was presented (Mobile Pro) and it is not this agent's valid token. */
  tokenAccepted: boolean;
  comparison: SecretComparison;
}

export interface LoginRequest {
  requestId: string;
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

export function pinAttemptsLeft(state: PinState, maxAttempts: number): number {
  return state.locked ? 0 : Math.max(0, maxAttempts - state.failures);
}

type AttemptResult = 'LOCKED' | 'MATCH' | 'MISMATCH' | 'NOT_COUNTED';

/** Applies one PIN attempt: a success resets the count, consecutive failures lock. */
function applyAttempt(
  state: PinState,
  comparison: SecretComparison,
  maxAttempts: number,
): { state: PinState; result: AttemptResult } {
  if (state.locked) return { state, result: 'LOCKED' };
  if (comparison === 'MATCH') return { state: { ...state, failures: 0 }, result: 'MATCH' };
  if (comparison === 'MISMATCH') {
    const failures = state.failures + 1;
    const locked = failures >= maxAttempts;
    return { state: { ...state, failures, locked }, result: locked ? 'LOCKED' : 'MISMATCH' };
  }
  return { state, result: 'NOT_COUNTED' };
}

export function recordedPinCheck(state: PinState, stepId: string): PinCheckOutcome | undefined {
  return findRecordedCheck(state.pinChecks, stepId);
}

export function recordedLogin(state: PinState, requestId: string): LoginOutcome | undefined {
  return findRecordedCheck(state.logins, requestId);
}

/** Whether the PIN hash needs comparing at all: never for a locked user or a refused token. */
export function pinCheckNeedsComparison(state: PinState, tokenAccepted: boolean): boolean {
  return tokenAccepted && !state.locked;
}

export function decidePinCheck(
  state: PinState,
  request: PinCheckRequest,
  maxAttempts: number,
): { state: PinState; outcome: PinCheckOutcome } {
  let next = state;
  let outcome: PinCheckOutcome;
  if (!request.tokenAccepted) {
    outcome = { verified: false, reason: 'TOKEN_INVALID', attemptsLeft: pinAttemptsLeft(state, maxAttempts) };
  } else {
    const attempt = applyAttempt(state, request.comparison, maxAttempts);
    next = attempt.state;
    if (attempt.result === 'MATCH') outcome = { verified: true };
    else if (attempt.result === 'LOCKED') outcome = { verified: false, reason: 'LOCKED', attemptsLeft: 0 };
    else outcome = { verified: false, reason: 'INVALID', attemptsLeft: pinAttemptsLeft(next, maxAttempts) };
  }
  return { state: { ...next, pinChecks: recordCheck(next.pinChecks, request.stepId, outcome) }, outcome };
}

export function decideLogin(
  state: PinState,
  request: LoginRequest,
  maxAttempts: number,
): { state: PinState; outcome: LoginOutcome } {
  const attempt = applyAttempt(state, request.comparison, maxAttempts);
  const outcome: LoginOutcome =
    attempt.result === 'MATCH' ? 'SUCCESS' : attempt.result === 'LOCKED' ? 'PIN_LOCKED' : 'INVALID_CREDENTIALS';
  return {
    state: { ...attempt.state, logins: recordCheck(attempt.state.logins, request.requestId, outcome) },
    outcome,
  };
}
