import { OtpState, Waiter } from '../src/domain/intent';
import { onOtpDispatched, onOtpRejected, onOtpSendRefused, onOtpVerified, requestOtp, requestOtpCheck } from '../src/domain/intent-saga';
import {
  AGENT,
  anIntent,
  anOtp,
  at,
  aWaiter,
  CLIENT,
  commandOf,
  commandTypes,
  contextAt,
  errorsOf,
  expectRefusal,
  intentReply,
  lastHistory,
  onlyError,
  T0,
  waiting,
} from './support/saga-fixtures';

// ================================================================= send-otp and resend

describe('send-otp', () => {
  it('first send: asks auth to issue an OTP for the client and waits, still CREATED', () => {
    const before = anIntent('CREATED');
    const to = aWaiter('send-otp');

    const decision = requestOtp(before, to, contextAt());

    expect(decision.state.phase).toBe('CREATED');
    expect(decision.state.pending).toEqual({ step: 'ISSUE_OTP', stepId: 'id-1', waiters: [to], since: T0.toISOString(), resend: decision.commands[0] });
    expect(decision.commands).toEqual([
      {
        type: 'AdmitOtpSend',
        payload: {
          intentId: 'intent-0001',
          otpId: 'id-1',
          clientUserId: CLIENT.userId,
          clientPhone: CLIENT.phone,
          preferredChannel: 'WHATSAPP',
          agentUserId: AGENT.userId,
        },
      },
    ]);
    expect(decision.replies).toEqual([]);
  });

  it('OtpSendRefused: the caller gets BUDGET_EXHAUSTED naming the budget, the intent stays as it was', () => {
    const to = aWaiter('send-otp');
    const before = waiting(anIntent('CREATED'), 'ISSUE_OTP', 'otp-9', to);

    const decision = onOtpSendRefused(before, { intentId: 'intent-0001', otpId: 'otp-9', budget: 'OTP_SENDS_PER_CLIENT', retryAfterSeconds: 1200 });

    expect(decision.state).toEqual({ ...before, pending: undefined });
    expect(decision.commands).toEqual([]);
    expect(decision.replies).toEqual([
      {
        to,
        body: {
          kind: 'error',
          error: {
            code: 'BUDGET_EXHAUSTED',
            message: 'too many OTPs were sent for this client lately; retry in 1200 s',
            details: { budget: 'OTP_SENDS_PER_CLIENT', retryAfterSeconds: 1200 },
          },
        },
      },
    ]);
  });

  it('OtpDispatched SENT: OTP_SENT with full attempts and resends, history appended, caller answered', () => {
    const to = aWaiter('send-otp');
    const before = waiting(anIntent('CREATED'), 'ISSUE_OTP', 'otp-9', to);

    const decision = onOtpDispatched(
      before,
      { intentId: 'intent-0001', otpId: 'otp-9', channel: 'WHATSAPP', status: 'SENT', expiresAt: at(305).toISOString() },
      contextAt(at(5)),
    );

    expect(decision.state.phase).toBe('OTP_SENT');
    expect(decision.state.pending).toBeUndefined();
    expect(decision.state.otp).toEqual({
      otpId: 'otp-9',
      channel: 'WHATSAPP',
      expiresAt: at(305).toISOString(),
      attemptsLeft: 3,
      resendsLeft: 3,
      lastSentAt: at(5).toISOString(),
    });
    expect(decision.state.history).toEqual([...before.history, { status: 'OTP_SENT', at: at(5).toISOString() }]);
    expect(decision.replies.map((reply) => reply.to)).toEqual([to]);
    expect(intentReply(decision.replies[0]).otp).toEqual({ channel: 'WHATSAPP', expiresAt: at(305).toISOString(), attemptsLeft: 3, resendsLeft: 3 });
  });

  it('OtpDispatched FAILED: OTP_DELIVERY_FAILED, the status stays, the step ends', () => {
    const to = aWaiter('send-otp');
    const before = waiting(anIntent('CREATED'), 'ISSUE_OTP', 'otp-9', to);

    const decision = onOtpDispatched(
      before,
      { intentId: 'intent-0001', otpId: 'otp-9', channel: 'SMS', status: 'FAILED', expiresAt: at(300).toISOString() },
      contextAt(),
    );

    expect(decision.state).toMatchObject({ phase: 'CREATED', pending: undefined, history: before.history, otp: undefined });
    expect(errorsOf(decision)).toEqual([{ to, error: expect.objectContaining({ code: 'OTP_DELIVERY_FAILED' }) }]);
  });

  it('resend after the cooldown: a new OTP, one resend fewer, fresh attempts, history says re-sent', () => {
    const before = anIntent('OTP_SENT', { otp: anOtp({ attemptsLeft: 1, resendsLeft: 3, lastSentAt: T0.toISOString() }) });
    const to = aWaiter('send-otp');

    const requested = requestOtp(before, to, contextAt(at(30)));
    expect(commandOf(requested, 'AdmitOtpSend').otpId).toBe('id-1');

    const decision = onOtpDispatched(
      requested.state,
      { intentId: 'intent-0001', otpId: 'id-1', channel: 'WHATSAPP', status: 'SENT', expiresAt: at(330).toISOString() },
      contextAt(at(31)),
    );

    expect(decision.state.phase).toBe('OTP_SENT');
    expect(decision.state.otp).toMatchObject({ otpId: 'id-1', resendsLeft: 2, attemptsLeft: 3, lastSentAt: at(31).toISOString() });
    expect(lastHistory(decision.state)).toEqual({ status: 'OTP_SENT', at: at(31).toISOString(), reason: 'OTP re-sent' });
    expect(decision.state.history).toHaveLength(before.history.length + 1);
  });

  it('allows exactly OTP_MAX_RESENDS resends, then OTP_RESEND_LIMIT', () => {
    let state = anIntent('CREATED');
    let now = 0;
    const send = () => {
      const requested = requestOtp(state, aWaiter('send-otp'), contextAt(at(now)));
      const otpId = requested.state.pending?.stepId;
      if (!otpId) return requested;
      const dispatched = onOtpDispatched(
        requested.state,
        { intentId: state.id, otpId, channel: 'WHATSAPP', status: 'SENT', expiresAt: at(now + 300).toISOString() },
        contextAt(at(now)),
      );
      state = dispatched.state;
      now += 31;
      return dispatched;
    };

    send();
    const resendsLeft = [1, 2, 3].map(() => {
      send();
      return state.otp?.resendsLeft;
    });
    const refused = send();

    expect(resendsLeft).toEqual([2, 1, 0]);
    expect(onlyError(refused)).toMatchObject({ code: 'OTP_RESEND_LIMIT', details: { resendsLeft: 0 } });
  });

  it('refuses a resend when none is left with OTP_RESEND_LIMIT, sending nothing', () => {
    const before = anIntent('OTP_SENT', { otp: anOtp({ resendsLeft: 0, lastSentAt: T0.toISOString() }) });
    const to = aWaiter('send-otp');

    const decision = requestOtp(before, to, contextAt(at(3_000)));

    expect(expectRefusal(decision, before, to).code).toBe('OTP_RESEND_LIMIT');
  });

  it('refuses a resend within the cooldown with OTP_RESEND_TOO_SOON and the seconds to wait', () => {
    const before = anIntent('OTP_SENT', { otp: anOtp({ lastSentAt: T0.toISOString() }) });
    const to = aWaiter('send-otp');

    const decision = requestOtp(before, to, contextAt(at(10)));

    expect(expectRefusal(decision, before, to)).toMatchObject({ code: 'OTP_RESEND_TOO_SOON', details: { retryAfterSeconds: 20 } });
  });

  it('rounds the wait up to whole seconds', () => {
    const before = anIntent('OTP_SENT', { otp: anOtp({ lastSentAt: T0.toISOString() }) });

    const decision = requestOtp(before, aWaiter('send-otp'), contextAt(new Date(T0.getTime() + 29_500)));

    expect(onlyError(decision)).toMatchObject({ code: 'OTP_RESEND_TOO_SOON', details: { retryAfterSeconds: 1 } });
  });

  it('allows the resend exactly when the cooldown ends', () => {
    const before = anIntent('OTP_SENT', { otp: anOtp({ lastSentAt: T0.toISOString() }) });

    const decision = requestOtp(before, aWaiter('send-otp'), contextAt(at(30)));

    expect(commandTypes(decision)).toEqual(['AdmitOtpSend']);
  });

  it('uses the configured cooldown', () => {
    const before = anIntent('OTP_SENT', { otp: anOtp({ lastSentAt: T0.toISOString() }) });

    expect(commandTypes(requestOtp(before, aWaiter('send-otp'), contextAt(at(5), { otpResendCooldownSeconds: 5 })))).toEqual(['AdmitOtpSend']);
    expect(onlyError(requestOtp(before, aWaiter('send-otp'), contextAt(at(5), { otpResendCooldownSeconds: 60 })))).toMatchObject({
      details: { retryAfterSeconds: 55 },
    });
  });
});

// ================================================================= verify-otp

describe('verify-otp', () => {
  const checking = (otp: Partial<OtpState> = {}, ...waiters: Waiter[]) =>
    waiting(anIntent('OTP_SENT', { otp: anOtp(otp) }), 'VERIFY_OTP', 'step-otp', ...(waiters.length ? waiters : [aWaiter('verify-otp')]));

  it('asks auth to verify the sealed OTP against the current OTP id, naming the agent whose wrong OTPs it counts', () => {
    const before = anIntent('OTP_SENT');
    const to = aWaiter('verify-otp');

    const decision = requestOtpCheck(before, 'sealed-otp', to, contextAt(at(10)));

    expect(decision.state.pending).toEqual({ step: 'VERIFY_OTP', stepId: 'id-1', waiters: [to], since: at(10).toISOString() });
    expect(decision.commands).toEqual([
      { type: 'VerifyOtp', payload: { intentId: 'intent-0001', stepId: 'id-1', otpId: 'otp-1', sealedOtp: 'sealed-otp', agentUserId: AGENT.userId } },
    ]);
  });

  it("OtpRejected for a spent budget of wrong OTPs: BUDGET_EXHAUSTED naming it, the OTP's tries gone, a resend still possible", () => {
    const to = aWaiter('verify-otp');
    const before = waiting(anIntent('OTP_SENT'), 'VERIFY_OTP', 'step-otp', to);

    const decision = onOtpRejected(
      before,
      { intentId: 'intent-0001', stepId: 'step-otp', reason: 'NO_ATTEMPTS_LEFT', attemptsLeft: 0, budget: 'OTP_FAILURES_PER_AGENT', retryAfterSeconds: 900 },
      contextAt(),
    );

    expect(decision.state.phase).toBe('OTP_SENT');
    expect(decision.state.otp?.attemptsLeft).toBe(0);
    expect(decision.replies).toEqual([
      {
        to,
        body: {
          kind: 'error',
          error: {
            code: 'BUDGET_EXHAUSTED',
            message: 'too many wrong OTPs for this agent lately; OTPs are refused unchecked for 900 s',
            details: { budget: 'OTP_FAILURES_PER_AGENT', retryAfterSeconds: 900, attemptsLeft: 0, resendsLeft: before.otp?.resendsLeft },
          },
        },
      },
    ]);
  });

  it('keeps nothing to resend with the VERIFY_OTP step: the command carries the sealed code', () => {
    const decision = requestOtpCheck(anIntent('OTP_SENT'), 'sealed-otp', aWaiter('verify-otp'), contextAt());

    expect(decision.state.pending).not.toHaveProperty('resend');
    expect(JSON.stringify(decision.state)).not.toContain('sealed-otp');
  });

  it('refuses a check when no attempts are left, without asking auth', () => {
    const before = anIntent('OTP_SENT', { otp: anOtp({ attemptsLeft: 0, resendsLeft: 2 }) });
    const to = aWaiter('verify-otp');

    expect(expectRefusal(requestOtpCheck(before, 'sealed', to, contextAt()), before, to)).toMatchObject({
      code: 'OTP_INVALID',
      details: { attemptsLeft: 0, resendsLeft: 2 },
    });
  });

  it('refuses a check of an expired OTP with OTP_EXPIRED', () => {
    const before = anIntent('OTP_SENT', { otp: anOtp({ expiresAt: at(300).toISOString() }) });
    const to = aWaiter('verify-otp');

    expect(expectRefusal(requestOtpCheck(before, 'sealed', to, contextAt(at(300))), before, to).code).toBe('OTP_EXPIRED');
  });

  it('OtpVerified: OTP_VERIFIED, history appended, every waiter answered', () => {
    const first = aWaiter('verify-otp');
    const again = aWaiter('verify-otp');
    const before = checking({}, first, again);

    const decision = onOtpVerified(before, { intentId: 'intent-0001', stepId: 'step-otp' }, contextAt(at(40)));

    expect(decision.state).toMatchObject({ phase: 'OTP_VERIFIED', pending: undefined });
    expect(decision.state.history).toEqual([...before.history, { status: 'OTP_VERIFIED', at: at(40).toISOString() }]);
    expect(decision.replies.map((reply) => [reply.to, intentReply(reply).status])).toEqual([
      [first, 'OTP_VERIFIED'],
      [again, 'OTP_VERIFIED'],
    ]);
  });

  it('OtpRejected INVALID: OTP_INVALID with the attempts left, still OTP_SENT', () => {
    const to = aWaiter('verify-otp');
    const before = checking({ attemptsLeft: 3, resendsLeft: 3 }, to);

    const decision = onOtpRejected(before, { intentId: 'intent-0001', stepId: 'step-otp', reason: 'INVALID', attemptsLeft: 2 }, contextAt());

    expect(decision.state).toMatchObject({ phase: 'OTP_SENT', pending: undefined, otp: { attemptsLeft: 2, resendsLeft: 3 } });
    expect(decision.state.history).toEqual(before.history);
    expect(errorsOf(decision)).toEqual([{ to, error: expect.objectContaining({ code: 'OTP_INVALID', details: { attemptsLeft: 2, resendsLeft: 3 } }) }]);
    expect(decision.commands).toEqual([]);
  });

  it.each([
    ['the last try fails', 'INVALID' as const],
    ['auth says no attempts are left', 'NO_ATTEMPTS_LEFT' as const],
  ])('tries exhausted with resends left (%s): OTP_INVALID attemptsLeft 0, still OTP_SENT', (_case, reason) => {
    const before = checking({ attemptsLeft: 1, resendsLeft: 1 });

    const decision = onOtpRejected(before, { intentId: 'intent-0001', stepId: 'step-otp', reason, attemptsLeft: 0 }, contextAt());

    expect(decision.state).toMatchObject({ phase: 'OTP_SENT', pending: undefined, otp: { attemptsLeft: 0, resendsLeft: 1 } });
    expect(onlyError(decision)).toMatchObject({ code: 'OTP_INVALID', details: { attemptsLeft: 0, resendsLeft: 1 } });
    expect(decision.commands).toEqual([]);
    expect(decision.state.history).toEqual(before.history);
  });

  it('tries and resends exhausted: CANCELED (OTP_ATTEMPTS_EXHAUSTED), the OTP invalidated', () => {
    const to = aWaiter('verify-otp');
    const before = checking({ attemptsLeft: 1, resendsLeft: 0 }, to);

    const decision = onOtpRejected(before, { intentId: 'intent-0001', stepId: 'step-otp', reason: 'INVALID', attemptsLeft: 0 }, contextAt(at(50)));

    expect(decision.state).toMatchObject({ phase: 'CANCELED', pending: undefined, failureReason: 'OTP_ATTEMPTS_EXHAUSTED' });
    expect(decision.state.history).toEqual([...before.history, { status: 'CANCELED', at: at(50).toISOString(), reason: 'OTP_ATTEMPTS_EXHAUSTED' }]);
    expect(decision.commands).toEqual([
      { type: 'InvalidateOtp', payload: { intentId: 'intent-0001' } },
      { type: 'ReleaseReservation', payload: { intentId: 'intent-0001', agentUserId: 'usr-agent-0001', clientUserId: 'usr-client-0001' } },
    ]);
    expect(errorsOf(decision)).toEqual([
      { to, error: expect.objectContaining({ code: 'OTP_INVALID', details: { attemptsLeft: 0, resendsLeft: 0, status: 'CANCELED' } }) },
    ]);
  });

  it.each(['EXPIRED', 'NOT_FOUND'] as const)('OtpRejected %s: OTP_EXPIRED, still OTP_SENT, attempts kept', (reason) => {
    const before = checking({ attemptsLeft: 2 });

    const decision = onOtpRejected(before, { intentId: 'intent-0001', stepId: 'step-otp', reason, attemptsLeft: 0 }, contextAt());

    expect(decision.state).toMatchObject({ phase: 'OTP_SENT', pending: undefined, otp: { attemptsLeft: 2 } });
    expect(onlyError(decision).code).toBe('OTP_EXPIRED');
  });
});
