import { OtpState, decideOtpCheck, invalidateOtp, issueOtp, recordedOtpCheck, screenOtpCheck, wasOtpIssued } from '../src/domain/otp';
import { RECORDED_CHECKS_KEPT } from '../src/domain/recorded-checks';

const NOW = new Date('2026-01-15T10:00:00.000Z');
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

function issued(otpId = 'otp-1', previous?: OtpState): OtpState {
  return issueOtp(previous, {
    intentId: 'intent-1',
    otpId,
    otpHash: `hash-of-${otpId}`,
    now: NOW,
    ttlSeconds: 300,
    maxAttempts: 3,
    clientUserId: 'usr-client-0001',
  });
}

const check = (stepId: string, otpId = 'otp-1', now = NOW) => ({ stepId, otpId, now });

describe('issuing an OTP', () => {
  it('starts active with every attempt and expires after the TTL', () => {
    // given no previous OTP, when one is issued
    const state = issued();
    // then
    expect(state).toMatchObject({
      otpId: 'otp-1',
      otpHash: 'hash-of-otp-1',
      status: 'ACTIVE',
      attemptsLeft: 3,
      expiresAt: '2026-01-15T10:05:00.000Z',
    });
  });

  it('replaces the previous OTP, which can no longer be verified', () => {
    // given an OTP, when another is issued for the intent
    const state = issued('otp-2', issued('otp-1'));
    // then the old otpId is not found and the new one is live
    expect(screenOtpCheck(state, 'otp-1', NOW)).toEqual({ verified: false, reason: 'NOT_FOUND', attemptsLeft: 0 });
    expect(screenOtpCheck(state, 'otp-2', NOW)).toBeUndefined();
  });

  it('remembers every otpId it issued so a stale redelivery is recognised', () => {
    // given two OTPs issued in turn
    const state = issued('otp-2', issued('otp-1'));
    // then both are known as issued, an unknown one is not
    expect(wasOtpIssued(state, 'otp-1')).toBe(true);
    expect(wasOtpIssued(state, 'otp-2')).toBe(true);
    expect(wasOtpIssued(state, 'otp-3')).toBe(false);
    expect(wasOtpIssued(undefined, 'otp-1')).toBe(false);
  });

  it('restores the attempts a previous OTP used up', () => {
    // given an OTP with one wrong try
    const tried = decideOtpCheck(issued('otp-1'), check('s1'), 'MISMATCH').state;
    // when a new one is issued
    const state = issued('otp-2', tried);
    // then it has every attempt again
    expect(state.attemptsLeft).toBe(3);
  });
});

describe('invalidating an OTP', () => {
  it('makes the OTP unverifiable', () => {
    // given an active OTP, when it is invalidated
    const state = invalidateOtp(issued());
    // then it is no longer found
    expect(state?.status).toBe('INVALIDATED');
    expect(screenOtpCheck(state, 'otp-1', NOW)).toEqual({ verified: false, reason: 'NOT_FOUND', attemptsLeft: 0 });
  });

  it('changes nothing the second time', () => {
    // given an invalidated OTP
    const state = invalidateOtp(issued()) as OtpState;
    // when it is invalidated again, then there is nothing to write
    expect(invalidateOtp(state)).toBeUndefined();
  });
});

describe('checking an OTP', () => {
  it('verifies the right code and marks the OTP used', () => {
    // given an active OTP, when the right code is checked
    const { state, outcome } = decideOtpCheck(issued(), check('s1'), 'MATCH');
    // then
    expect(outcome).toEqual({ verified: true });
    expect(state.status).toBe('USED');
  });

  it('refuses a used OTP as not found', () => {
    // given a used OTP
    const used = decideOtpCheck(issued(), check('s1'), 'MATCH').state;
    // when checked again
    const { outcome } = decideOtpCheck(used, check('s2'), 'MATCH');
    // then
    expect(outcome).toEqual({ verified: false, reason: 'NOT_FOUND', attemptsLeft: 0 });
  });

  it('refuses another otpId as not found', () => {
    const { outcome, state } = decideOtpCheck(issued(), check('s1', 'otp-other'), 'MATCH');
    expect(outcome).toEqual({ verified: false, reason: 'NOT_FOUND', attemptsLeft: 0 });
    expect(state.attemptsLeft).toBe(3);
  });

  it('refuses an intent without OTP as not found', () => {
    expect(screenOtpCheck(undefined, 'otp-1', NOW)).toEqual({ verified: false, reason: 'NOT_FOUND', attemptsLeft: 0 });
  });

  it('refuses an expired OTP without consuming an attempt', () => {
    // given an OTP whose TTL has just run out
    const { outcome, state } = decideOtpCheck(issued(), check('s1', 'otp-1', later(300)), 'MATCH');
    // then
    expect(outcome).toEqual({ verified: false, reason: 'EXPIRED', attemptsLeft: 0 });
    expect(state.attemptsLeft).toBe(3);
  });

  it('accepts the right code just before expiry', () => {
    const { outcome } = decideOtpCheck(issued(), check('s1', 'otp-1', later(299)), 'MATCH');
    expect(outcome).toEqual({ verified: true });
  });

  it('consumes an attempt for a wrong code and says how many are left', () => {
    const { outcome, state } = decideOtpCheck(issued(), check('s1'), 'MISMATCH');
    expect(outcome).toEqual({ verified: false, reason: 'INVALID', attemptsLeft: 2 });
    expect(state.attemptsLeft).toBe(2);
  });

  it('exhausts the OTP after three wrong codes, then refuses even the right one', () => {
    // given three wrong tries
    let state = issued();
    const outcomes = ['s1', 's2', 's3'].map((stepId) => {
      const decision = decideOtpCheck(state, check(stepId), 'MISMATCH');
      state = decision.state;
      return decision.outcome;
    });
    // then the last says none are left, and the right code is refused
    expect(outcomes.map((outcome) => !outcome.verified && outcome.attemptsLeft)).toEqual([2, 1, 0]);
    expect(decideOtpCheck(state, check('s4'), 'MATCH').outcome).toEqual({
      verified: false,
      reason: 'NO_ATTEMPTS_LEFT',
      attemptsLeft: 0,
    });
  });

  it('does not count a code that could not be unsealed', () => {
    const { outcome, state } = decideOtpCheck(issued(), check('s1'), 'UNREADABLE');
    expect(outcome).toEqual({ verified: false, reason: 'INVALID', attemptsLeft: 3 });
    expect(state.attemptsLeft).toBe(3);
  });

  it('records the outcome under the step id', () => {
    // given a wrong try recorded under step s1
    const { state } = decideOtpCheck(issued(), check('s1'), 'MISMATCH');
    // then the step's outcome can be re-emitted, an unknown step has none
    expect(recordedOtpCheck(state, 's1')).toEqual({ verified: false, reason: 'INVALID', attemptsLeft: 2 });
    expect(recordedOtpCheck(state, 's2')).toBeUndefined();
  });

  it('keeps a bounded number of recorded checks', () => {
    // given more checks than are kept
    let state = issued();
    for (let i = 0; i < RECORDED_CHECKS_KEPT + 5; i += 1) {
      state = decideOtpCheck(state, check(`s${i}`, 'otp-other'), 'NOT_COMPARED').state;
    }
    // then only the latest remain
    expect(state.checks).toHaveLength(RECORDED_CHECKS_KEPT);
    expect(recordedOtpCheck(state, 's0')).toBeUndefined();
    expect(recordedOtpCheck(state, `s${RECORDED_CHECKS_KEPT + 4}`)).toBeDefined();
  });
});

describe("an OTP check once a budget of wrong OTPs (the client's or the agent's) is spent", () => {
  it('is refused as out of attempts without comparing, naming the budget, and burns the OTP', () => {
    const spent = { budget: 'OTP_FAILURES_PER_AGENT' as const, retryAfterSeconds: 600 };
    const { state, outcome } = decideOtpCheck(issued(), check('s1'), 'NOT_COMPARED', spent);

    expect(outcome).toEqual({ verified: false, reason: 'NO_ATTEMPTS_LEFT', attemptsLeft: 0, ...spent });
    expect(state.attemptsLeft).toBe(0);
    expect(decideOtpCheck(state, check('s2'), 'MATCH').outcome).toEqual({ verified: false, reason: 'NO_ATTEMPTS_LEFT', attemptsLeft: 0 });
  });
});
