import { cancel, expire, onPinVerified, onReserved } from '../src/domain/intent-saga';
import {
  ADMIN,
  AGENT,
  AGENT_ACTOR,
  anIntent,
  at,
  aWaiter,
  commandOf,
  commandTypes,
  compensationCommands,
  contextAt,
  errorsOf,
  expectNoChange,
  HOLD_ID,
  holding,
  intentReply,
  lastHistory,
  OPERATOR,
  releaseHold,
  reserving,
  settling,
  STEP_RESERVE,
  waiting,
} from './support/saga-fixtures';

describe('expire', () => {
  const EXPIRABLE_PHASES = ['CREATED', 'OTP_SENT', 'OTP_VERIFIED', 'PIN_VERIFIED'] as const;

  it.each(EXPIRABLE_PHASES)('expires a %s intent past its deadline, with compensation', (phase) => {
    const before = anIntent(phase);

    const decision = expire(before, contextAt(at(601)));

    expect(decision.state).toMatchObject({ phase: 'EXPIRED', failureReason: 'EXPIRED', pending: undefined, holdId: undefined });
    expect(lastHistory(decision.state)).toMatchObject({ status: 'EXPIRED', at: at(601).toISOString() });
    expect(lastHistory(decision.state).reason).toMatch(/^deadline passed; compensated/);
    expect(decision.state.history).toHaveLength(before.history.length + 1);
    expect(commandOf(decision, 'NotifyCashOutOutcome')).toMatchObject({ outcome: 'FAILED', reason: 'the cash-out request expired' });
  });

  it('releases no hold when no confirmation holds one', () => {
    const decision = expire(anIntent('PIN_VERIFIED'), contextAt(at(601)));

    expect(commandTypes(decision)).toEqual(['ReleaseReservation', 'InvalidateOtp', 'NotifyCashOutOutcome']);
  });

  it('compensates EXPIRED with exactly ReleaseReservation, InvalidateOtp, ReleaseHold of the current hold and the notice', () => {
    const before = reserving();

    const decision = expire(before, contextAt(at(601)));

    expect(decision.commands).toEqual(compensationCommands(before, 'the cash-out request expired'));
  });

  it.each([
    ['HOLD', holding],
    ['RESERVE', reserving],
  ] as const)('while a %s step is pending: releases the hold and answers the waiting confirm with an error', (_step, inProgress) => {
    const to = aWaiter('confirm');
    const before = inProgress(to);

    const decision = expire(before, contextAt(at(601)));

    expect(decision.state).toMatchObject({ phase: 'EXPIRED', pending: undefined, holdId: undefined });
    expect(decision.commands).toContainEqual(releaseHold(HOLD_ID));
    expect(errorsOf(decision)).toEqual([
      { to, error: expect.objectContaining({ code: 'INVALID_STATE', details: expect.objectContaining({ status: 'EXPIRED' }) }) },
    ]);
  });

  it('expires exactly at the deadline', () => {
    expect(expire(anIntent('CREATED'), contextAt(at(600))).state.phase).toBe('EXPIRED');
  });

  it('does nothing before the deadline', () => {
    const before = holding();

    expectNoChange(expire(before, contextAt(new Date(at(600).getTime() - 1))), before);
  });

  it('never expires a PROCESSING intent: money is in flight', () => {
    const before = settling();

    expectNoChange(expire(before, contextAt(at(1_000_000))), before);
  });

  it.each(['SUCCEEDED', 'FAILED', 'CANCELED', 'EXPIRED', 'REJECTED'] as const)('does not expire a %s intent', (phase) => {
    const before = anIntent(phase);

    expectNoChange(expire(before, contextAt(at(1_000_000))), before);
  });

  it('a late CashOutReserved after expiry changes nothing: nothing is posted', () => {
    const expired = expire(reserving(), contextAt(at(601))).state;

    expectNoChange(onReserved(expired, { intentId: 'intent-0001', stepId: STEP_RESERVE, approved: true, reasons: [] }, contextAt(at(602))), expired);
  });

  it('expiring twice changes nothing the second time', () => {
    const once = expire(anIntent('OTP_SENT'), contextAt(at(601))).state;

    expectNoChange(expire(once, contextAt(at(700))), once);
  });
});

describe('cancel', () => {
  it.each(['CREATED', 'OTP_SENT', 'OTP_VERIFIED'] as const)('cancels a %s intent, recording who and why, answering with it', (phase) => {
    const before = anIntent(phase);
    const to = aWaiter('cancel');

    const decision = cancel(before, ADMIN, 'client changed their mind', to, contextAt(at(90)));

    expect(decision.state).toMatchObject({ phase: 'CANCELED', pending: undefined, failureReason: 'client changed their mind' });
    expect(decision.state.history).toEqual([
      ...before.history,
      { status: 'CANCELED', at: at(90).toISOString(), actor: ADMIN.userId, reason: 'client changed their mind' },
    ]);
    expect(decision.replies.map((reply) => [reply.to, intentReply(reply).status])).toEqual([[to, 'CANCELED']]);
  });

  it('invalidates the OTP and tells the risk engine the intent ended (a CANCELED intent holds no money), also from CREATED where an OTP may be on its way', () => {
    const ended = { type: 'ReleaseReservation', payload: { intentId: 'intent-0001', agentUserId: AGENT.userId, clientUserId: 'usr-client-0001' } };
    expect(cancel(anIntent('OTP_SENT'), AGENT_ACTOR, undefined, aWaiter('cancel'), contextAt()).commands).toEqual([
      { type: 'InvalidateOtp', payload: { intentId: 'intent-0001' } },
      ended,
    ]);
    expect(cancel(anIntent('CREATED'), AGENT_ACTOR, undefined, aWaiter('cancel'), contextAt()).commands).toEqual([
      { type: 'InvalidateOtp', payload: { intentId: 'intent-0001' } },
      ended,
    ]);
  });

  it('records a default reason when none is given', () => {
    const decision = cancel(anIntent('CREATED'), AGENT_ACTOR, undefined, aWaiter('cancel'), contextAt());

    expect(lastHistory(decision.state)).toMatchObject({ actor: AGENT.userId, reason: 'canceled by request' });
  });

  it('answers requests interrupted by the cancel with INVALID_STATE, and ignores their late answers', () => {
    const interrupted = aWaiter('verify-pin');
    const to = aWaiter('cancel');
    const before = waiting(anIntent('OTP_VERIFIED'), 'VERIFY_PIN', 'step-pin', interrupted);

    const decision = cancel(before, AGENT_ACTOR, undefined, to, contextAt());

    expect(errorsOf(decision)).toEqual([
      { to: interrupted, error: expect.objectContaining({ code: 'INVALID_STATE', details: expect.objectContaining({ status: 'CANCELED' }) }) },
    ]);
    expect(decision.replies.map((reply) => reply.to)).toEqual([interrupted, to]);
    expectNoChange(onPinVerified(decision.state, { intentId: 'intent-0001', stepId: 'step-pin' }, contextAt()), decision.state);
  });

  it('keeps history entries to status, at, actor and reason', () => {
    const decision = cancel(anIntent('OTP_SENT'), OPERATOR, 'why', aWaiter('cancel'), contextAt());

    for (const entry of decision.state.history) {
      expect(Object.keys(entry).every((key) => ['status', 'at', 'actor', 'reason'].includes(key))).toBe(true);
    }
  });
});
