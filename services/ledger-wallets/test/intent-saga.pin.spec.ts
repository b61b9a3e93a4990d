import { Waiter } from '../src/domain/intent';
import { onPinRejected, onPinVerified, requestPinCheck } from '../src/domain/intent-saga';
import { AGENT, anIntent, at, aWaiter, contextAt, errorsOf, intentReply, lastHistory, onlyError, T0, waiting } from './support/saga-fixtures';

// ================================================================= verify-pin

describe('verify-pin', () => {
  const checking = (...waiters: Waiter[]) =>
    waiting(anIntent('OTP_VERIFIED'), 'VERIFY_PIN', 'step-pin', ...(waiters.length ? waiters : [aWaiter('verify-pin')]));

  it('asks auth to verify the sealed PIN of the intent agent, with the token when given', () => {
    const to = aWaiter('verify-pin');

    const decision = requestPinCheck(anIntent('OTP_VERIFIED'), { sealedPin: 'sealed-pin', sealedToken: 'sealed-token' }, to, contextAt());

    expect(decision.state.pending).toEqual({ step: 'VERIFY_PIN', stepId: 'id-1', waiters: [to], since: T0.toISOString() });
    expect(decision.commands).toEqual([
      {
        type: 'VerifyPin',
        payload: { intentId: 'intent-0001', stepId: 'id-1', agentUserId: AGENT.userId, sealedPin: 'sealed-pin', sealedToken: 'sealed-token' },
      },
    ]);
  });

  it('keeps nothing to resend with the VERIFY_PIN step: the command carries the sealed PIN and token', () => {
    const decision = requestPinCheck(anIntent('OTP_VERIFIED'), { sealedPin: 'sealed-pin', sealedToken: 'sealed-token' }, aWaiter('verify-pin'), contextAt());

    expect(decision.state.pending).not.toHaveProperty('resend');
    expect(JSON.stringify(decision.state)).not.toMatch(/sealed-(pin|token)/);
  });

  it('PinVerified: PIN_VERIFIED, history appended, caller answered', () => {
    const to = aWaiter('verify-pin');
    const before = checking(to);

    const decision = onPinVerified(before, { intentId: 'intent-0001', stepId: 'step-pin' }, contextAt(at(60)));

    expect(decision.state).toMatchObject({ phase: 'PIN_VERIFIED', pending: undefined });
    expect(lastHistory(decision.state)).toEqual({ status: 'PIN_VERIFIED', at: at(60).toISOString() });
    expect(decision.replies.map((reply) => [reply.to, intentReply(reply).status])).toEqual([[to, 'PIN_VERIFIED']]);
  });

  it('PinRejected INVALID: PIN_INVALID with the attempts left, still OTP_VERIFIED', () => {
    const before = checking();

    const decision = onPinRejected(before, { intentId: 'intent-0001', stepId: 'step-pin', reason: 'INVALID', attemptsLeft: 1 }, contextAt());

    expect(decision.state).toMatchObject({ phase: 'OTP_VERIFIED', pending: undefined, history: before.history });
    expect(onlyError(decision)).toMatchObject({ code: 'PIN_INVALID', details: { attemptsLeft: 1 } });
    expect(decision.commands).toEqual([]);
  });

  it('PinRejected LOCKED: CANCELED (PIN_LOCKED), the OTP invalidated, PIN_LOCKED answered', () => {
    const to = aWaiter('verify-pin');
    const before = checking(to);

    const decision = onPinRejected(before, { intentId: 'intent-0001', stepId: 'step-pin', reason: 'LOCKED', attemptsLeft: 0 }, contextAt(at(70)));

    expect(decision.state).toMatchObject({ phase: 'CANCELED', pending: undefined, failureReason: 'PIN_LOCKED' });
    expect(lastHistory(decision.state)).toEqual({ status: 'CANCELED', at: at(70).toISOString(), reason: 'PIN_LOCKED' });
    expect(decision.commands).toEqual([
      { type: 'InvalidateOtp', payload: { intentId: 'intent-0001' } },
      { type: 'ReleaseReservation', payload: { intentId: 'intent-0001', agentUserId: 'usr-agent-0001', clientUserId: 'usr-client-0001' } },
    ]);
    expect(errorsOf(decision)).toEqual([
      { to, error: expect.objectContaining({ code: 'PIN_LOCKED', details: expect.objectContaining({ status: 'CANCELED' }) }) },
    ]);
  });

  it("PinRejected TOKEN_INVALID: FORBIDDEN (the token is not this intent's agent's), status unchanged", () => {
    const before = checking();

    const decision = onPinRejected(before, { intentId: 'intent-0001', stepId: 'step-pin', reason: 'TOKEN_INVALID', attemptsLeft: 3 }, contextAt());

    expect(decision.state.phase).toBe('OTP_VERIFIED');
    expect(onlyError(decision).code).toBe('FORBIDDEN');
  });
});
