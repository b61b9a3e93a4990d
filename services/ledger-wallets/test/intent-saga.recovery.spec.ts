import { IntentState } from '../src/domain/intent';
import {
  decide,
  Decision,
  onHoldPlaced,
  onPartiesResolved,
  onPinVerified,
  onReserved,
  requestConfirm,
  requestOtp,
  requestOtpCheck,
  requestPinCheck,
  resumeStalled,
  startCreation,
} from '../src/domain/intent-saga';
import {
  aCreateMessage,
  AGENT,
  anIntent,
  at,
  aWaiter,
  CLIENT,
  contextAt,
  errorsOf,
  expectNoChange,
  holding,
  holdPlaced,
  onlyError,
  pendingSince,
  reserving,
  STEP_RESERVE,
  T0,
  waiting,
} from './support/saga-fixtures';

/** A step asked for at T0; the sweep runs at +120 s and treats anything asked before +60 s as stalled. */
const STALLED_BEFORE = at(60);
const SWEEP = () => contextAt(at(120));

/** Each step that keeps its command, reached through the decision that asks for it (at T0). */
const RESENDABLE: Array<[string, () => Decision]> = [
  [
    'EVALUATE',
    () =>
      onPartiesResolved(
        waiting(anIntent('DRAFT', { agent: undefined, client: undefined }), 'RESOLVE', 'step-resolve', aWaiter('create')),
        { intentId: 'intent-0001', stepId: 'step-resolve', agent: AGENT, client: CLIENT },
        contextAt(),
      ),
  ],
  ['ISSUE_OTP', () => requestOtp(anIntent('CREATED'), aWaiter('send-otp'), contextAt())],
  ['HOLD', () => requestConfirm(anIntent('PIN_VERIFIED'), aWaiter('confirm'), contextAt())],
  ['RESERVE', () => onHoldPlaced(holding(), holdPlaced('PLACED'), contextAt())],
  ['SETTLE', () => onReserved(reserving(), { intentId: 'intent-0001', stepId: STEP_RESERVE, approved: true, reasons: [] }, contextAt())],
];

describe('resumeStalled: a step that keeps its command', () => {
  it('re-sends the very PlaceHold of a stalled HOLD step, same step id and hold id, and restarts its clock', () => {
    const asked = requestConfirm(anIntent('PIN_VERIFIED'), aWaiter('confirm'), contextAt());

    const decision = resumeStalled(asked.state, STALLED_BEFORE, SWEEP());

    expect(decision.commands).toEqual(asked.commands);
    expect(decision.state).toEqual({ ...asked.state, pending: { ...asked.state.pending, since: at(120).toISOString() } });
    expect(decision.replies).toEqual([]);
  });

  it.each(RESENDABLE)('re-sends the same command of a stalled %s step, keeping its step id and its waiters', (step, ask) => {
    const asked = ask();
    expect(asked.state.pending?.step).toBe(step);

    const decision = resumeStalled(asked.state, STALLED_BEFORE, SWEEP());

    expect(decision.commands).toEqual(asked.commands);
    expect(decision.state.pending).toEqual({ ...asked.state.pending, since: at(120).toISOString() });
    expect(decision.state.phase).toBe(asked.state.phase);
    expect(decision.replies).toEqual([]);
  });

  it('treats a step asked for exactly at the stall limit as stalled', () => {
    const asked = requestConfirm(anIntent('PIN_VERIFIED'), aWaiter('confirm'), contextAt(STALLED_BEFORE));

    expect(resumeStalled(asked.state, STALLED_BEFORE, SWEEP()).commands).toEqual(asked.commands);
  });

  it('does nothing when the step is not stalled yet', () => {
    const asked = requestConfirm(anIntent('PIN_VERIFIED'), aWaiter('confirm'), contextAt(new Date(STALLED_BEFORE.getTime() + 1)));

    expectNoChange(resumeStalled(asked.state, STALLED_BEFORE, SWEEP()), asked.state);
  });

  it('does nothing when the saga waits for nothing', () => {
    const before = anIntent('PIN_VERIFIED');

    expectNoChange(resumeStalled(before, STALLED_BEFORE, SWEEP()), before);
  });

  it('does not ask again before the stall delay has passed since the last resend', () => {
    const resent = resumeStalled(requestConfirm(anIntent('PIN_VERIFIED'), aWaiter('confirm'), contextAt()).state, STALLED_BEFORE, SWEEP()).state;

    expectNoChange(resumeStalled(resent, at(100), contextAt(at(160))), resent);
  });

  it('lets the answer to a re-sent command complete the step as if it had come the first time', () => {
    const asked = requestConfirm(anIntent('PIN_VERIFIED'), aWaiter('confirm'), contextAt());
    const resent = resumeStalled(asked.state, STALLED_BEFORE, SWEEP()).state;
    const stepId = asked.state.pending?.stepId ?? '';

    const decision = onHoldPlaced(resent, holdPlaced('PLACED', { stepId, holdId: asked.state.holdId }), contextAt(at(121)));

    expect(decision.state.pending?.step).toBe('RESERVE');
  });
});

describe('resumeStalled: a check that carries a secret', () => {
  it('gives a stalled VERIFY_PIN step up: TIMEOUT to every waiter, nothing re-sent, the status kept', () => {
    const first = aWaiter('verify-pin');
    const again = aWaiter('verify-pin');
    const asked = requestPinCheck(anIntent('OTP_VERIFIED'), { sealedPin: 'sealed-pin' }, first, contextAt());
    const before: IntentState = { ...asked.state, pending: asked.state.pending && { ...asked.state.pending, waiters: [first, again] } };

    const decision = resumeStalled(before, STALLED_BEFORE, SWEEP());

    const timeout = expect.objectContaining({ code: 'TIMEOUT', message: expect.stringContaining('verify pin') });
    expect(errorsOf(decision)).toEqual([
      { to: first, error: timeout },
      { to: again, error: timeout },
    ]);
    expect(decision.commands).toEqual([]);
    expect(decision.state).toEqual({ ...before, pending: undefined });
  });

  it('ignores a PinVerified arriving after the VERIFY_PIN step was given up: the caller verifies again', () => {
    const asked = requestPinCheck(anIntent('OTP_VERIFIED'), { sealedPin: 'sealed-pin' }, aWaiter('verify-pin'), contextAt());
    const gaveUp = resumeStalled(asked.state, STALLED_BEFORE, SWEEP()).state;

    expectNoChange(onPinVerified(gaveUp, { intentId: 'intent-0001', stepId: asked.state.pending?.stepId ?? '' }, contextAt(at(121))), gaveUp);
  });

  it('gives a stalled VERIFY_OTP step up with TIMEOUT, still OTP_SENT', () => {
    const asked = requestOtpCheck(anIntent('OTP_SENT'), 'sealed-otp', aWaiter('verify-otp'), contextAt());

    const decision = resumeStalled(asked.state, STALLED_BEFORE, SWEEP());

    expect(onlyError(decision).code).toBe('TIMEOUT');
    expect(decision.state).toMatchObject({ phase: 'OTP_SENT', pending: undefined });
    expect(decision.commands).toEqual([]);
  });

  it('does not give up a check that is not stalled yet', () => {
    const before = pendingSince(waiting(anIntent('OTP_VERIFIED'), 'VERIFY_PIN', 'step-pin', aWaiter('verify-pin')), at(90));

    expectNoChange(resumeStalled(before, STALLED_BEFORE, SWEEP()), before);
  });
});

describe('resumeStalled: a creation whose parties never resolve', () => {
  it('refuses the creation with TIMEOUT, so nothing is left waiting for an answer that will not come', () => {
    const draft = startCreation(aCreateMessage(), contextAt(T0)).state;

    const decision = decide(draft, { kind: 'stalled', before: STALLED_BEFORE }, SWEEP());

    expect(decision.state.phase).toBe('REJECTED');
    expect(decision.state.rejection?.code).toBe('TIMEOUT');
    expect(decision.replies.map((reply) => reply.to.correlationId)).toEqual(['corr-create']);
  });

  it('answers a create retried after its stalled RESOLVE step was given up', () => {
    const draft = startCreation(aCreateMessage(), contextAt(T0)).state;
    const gaveUp = decide(draft, { kind: 'stalled', before: STALLED_BEFORE }, SWEEP()).state;
    const retry = { ...aCreateMessage(), messageId: 'msg-create-retry', correlationId: 'corr-create-retry' };

    const decision = decide(gaveUp, { kind: 'repeated-create', message: retry }, contextAt(at(130)));

    const answered = decision.replies.some((reply) => reply.to.correlationId === 'corr-create-retry');
    const keptWaiting = decision.state.pending?.waiters.some((waiter) => waiter.correlationId === 'corr-create-retry') ?? false;
    expect(answered || keptWaiting).toBe(true);
  });
});
