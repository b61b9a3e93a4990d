import { PayloadOf } from '@cashout/shared-contracts';
import { RecordedCheck, SecretComparison, findRecordedCheck, recordCheck } from './recorded-checks';

export type OtpStatus = 'ACTIVE' | 'USED' | 'INVALIDATED';
export type OtpRejectionReason = PayloadOf<'OtpRejected'>['reason'];

/** A spent budget of wrong OTPs across intents: whose, and when it has room again. */
export interface SpentOtpBudget {
  budget: 'OTP_FAILURES_PER_AGENT' | 'OTP_FAILURES_PER_CLIENT';
  retryAfterSeconds: number;
}

export type OtpCheckOutcome = { verified: true } | ({ verified: false; reason: OtpRejectionReason; attemptsLeft: number } & Partial<SpentOtpBudget>);

/** The OTP of one intent: only the hash of the code is ever kept. */
export interface OtpState {
  intentId: string;
  otpId: string;
  otpHash: string;
  expiresAt: string;
  attemptsLeft: number;
  status: OtpStatus;
  /** Every otpId issued for the intent, so a stale redelivered IssueOtp never replaces a newer OTP. */
  issuedOtpIds: string[];
  checks: RecordedCheck<OtpCheckOutcome>[];
  /** The client the OTP is for: whose wrong OTPs count against one budget across intents. */
  clientUserId?: string;
}

export interface OtpIssue {
  intentId: string;
  otpId: string;
  otpHash: string;
  now: Date;
  ttlSeconds: number;
  maxAttempts: number;
  clientUserId: string;
}

export interface OtpCheckRequest {
  stepId: string;
  otpId: string;
  now: Date;
}

export function wasOtpIssued(state: OtpState | undefined, otpId: string): boolean {
  return state !== undefined && state.issuedOtpIds.includes(otpId);
}

/** A fresh OTP replaces the intent's previous one, which therefore can no longer be used. */
export function issueOtp(previous: OtpState | undefined, issue: OtpIssue): OtpState {
  return {
    intentId: issue.intentId,
    otpId: issue.otpId,
    otpHash: issue.otpHash,
    expiresAt: new Date(issue.now.getTime() + issue.ttlSeconds * 1000).toISOString(),
    attemptsLeft: issue.maxAttempts,
    status: 'ACTIVE',
    issuedOtpIds: [...(previous?.issuedOtpIds ?? []), issue.otpId],
    checks: previous?.checks ?? [],
    clientUserId: issue.clientUserId,
  };
}

/** Undefined when there is nothing to change (already invalidated), so no write is needed. */
export function invalidateOtp(state: OtpState): OtpState | undefined {
  if (state.status === 'INVALIDATED') return undefined;
  return { ...state, status: 'INVALIDATED' };
}

export const OTP_NOT_FOUND: OtpCheckOutcome = { verified: false, reason: 'NOT_FOUND', attemptsLeft: 0 };

export function recordedOtpCheck(state: OtpState, stepId: string): OtpCheckOutcome | undefined {
  return findRecordedCheck(state.checks, stepId);
}

/**
 * The refusal that needs no hash comparison, in the order the contract ranks them; undefined
 * when the submitted code must be compared.
 */
export function screenOtpCheck(state: OtpState | undefined, otpId: string, now: Date): OtpCheckOutcome | undefined {
  if (!state || state.otpId !== otpId || state.status !== 'ACTIVE') return OTP_NOT_FOUND;
  if (now.getTime() >= Date.parse(state.expiresAt)) return { verified: false, reason: 'EXPIRED', attemptsLeft: 0 };
  if (state.attemptsLeft <= 0) return { verified: false, reason: 'NO_ATTEMPTS_LEFT', attemptsLeft: 0 };
  return undefined;
}

/**
 * One OTP check. With `budgetSpent` (the client's wrong OTPs across intents spent their
 * budget) the code is not compared: the OTP is refused as out of attempts, and burnt.
 */
export function decideOtpCheck(
  state: OtpState,
  request: OtpCheckRequest,
  comparison: SecretComparison,
  spent?: SpentOtpBudget,
): { state: OtpState; outcome: OtpCheckOutcome } {
  const refusal = screenOtpCheck(state, request.otpId, request.now);
  let next = state;
  let outcome: OtpCheckOutcome;
  if (refusal) {
    outcome = refusal;
  } else if (spent) {
    next = { ...state, attemptsLeft: 0 };
    outcome = { verified: false, reason: 'NO_ATTEMPTS_LEFT', attemptsLeft: 0, ...spent };
  } else if (comparison === 'MATCH') {
    next = { ...state, status: 'USED' };
    outcome = { verified: true };
  } else if (comparison === 'MISMATCH') {
    const attemptsLeft = state.attemptsLeft - 1;
    next = { ...state, attemptsLeft };
    outcome = { verified: false, reason: 'INVALID', attemptsLeft };
  } else {
    outcome = { verified: false, reason: 'INVALID', attemptsLeft: state.attemptsLeft };
  }
  return { state: { ...next, checks: recordCheck(next.checks, request.stepId, outcome) }, outcome };
}
