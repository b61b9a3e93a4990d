import { IntentPhase, IntentState, PendingStep, toView, Waiter } from '../src/domain/intent';
import {
  cancel,
  decide,
  Decision,
  expire,
  onCashOutPosted,
  onCashOutRefused,
  onEvaluated,
  onHoldPlaced,
  onOtpDispatched,
  onOtpRejected,
  onOtpSendRefused,
  onOtpVerified,
  onPartiesRejected,
  onPartiesResolved,
  onPinRejected,
  onPinVerified,
  onReserved,
  repeatCreation,
  requestConfirm,
  requestOtp,
  requestOtpCheck,
  requestPinCheck,
  resumeStalled,
  SagaContext,
  SagaEvent,
  SagaInput,
  SagaRequest,
} from '../src/domain/intent-saga';
import {
  aCreateMessage,
  ADMIN,
  AGENT,
  AGENT_ACTOR,
  anIntent,
  at,
  aWaiter,
  CLIENT,
  commandTypes,
  contextAt,
  eventInput,
  expectNoChange,
  expectRefusal,
  holding,
  holdPlaced,
  intentReply,
  lastHistory,
  OTHER_AGENT,
  requestInput,
  reserving,
  settling,
  STEP_RESERVE,
  STEP_SETTLE,
  waiting,
} from './support/saga-fixtures';

/** What a routed decision must visibly do, so that a wrong route cannot pass as a no-op. */
interface Outcome {
  phase: IntentPhase;
  step?: PendingStep;
  commands: string[];
}

function expectOutcome(decision: Decision, then: Outcome): void {
  expect(decision.state.phase).toBe(then.phase);
  expect(decision.state.pending?.step).toBe(then.step);
  expect(commandTypes(decision)).toEqual(then.commands);
}

interface RequestRoute {
  from: IntentState;
  request: SagaRequest;
  direct: (state: IntentState, to: Waiter, ctx: SagaContext) => Decision;
  then: Outcome;
}

/** Every request action (a missing one fails to compile), from a status where it is admitted. */
const REQUESTS: Record<SagaRequest['action'], RequestRoute> = {
  'send-otp': {
    from: anIntent('CREATED'),
    request: { action: 'send-otp' },
    direct: (state, to, ctx) => requestOtp(state, to, ctx),
    then: { phase: 'CREATED', step: 'ISSUE_OTP', commands: ['AdmitOtpSend'] },
  },
  'verify-otp': {
    from: anIntent('OTP_SENT'),
    request: { action: 'verify-otp', sealedOtp: 'sealed-otp' },
    direct: (state, to, ctx) => requestOtpCheck(state, 'sealed-otp', to, ctx),
    then: { phase: 'OTP_SENT', step: 'VERIFY_OTP', commands: ['VerifyOtp'] },
  },
  'verify-pin': {
    from: anIntent('OTP_VERIFIED'),
    request: { action: 'verify-pin', sealedPin: 'sealed-pin', sealedToken: 'sealed-token' },
    direct: (state, to, ctx) => requestPinCheck(state, { sealedPin: 'sealed-pin', sealedToken: 'sealed-token' }, to, ctx),
    then: { phase: 'OTP_VERIFIED', step: 'VERIFY_PIN', commands: ['VerifyPin'] },
  },
  confirm: {
    from: anIntent('PIN_VERIFIED'),
    request: { action: 'confirm' },
    direct: (state, to, ctx) => requestConfirm(state, to, ctx),
    then: { phase: 'PIN_VERIFIED', step: 'HOLD', commands: ['PlaceHold'] },
  },
  cancel: {
    from: anIntent('OTP_SENT'),
    request: { action: 'cancel', reason: 'client changed their mind' },
    direct: (state, to, ctx) => cancel(state, AGENT_ACTOR, 'client changed their mind', to, ctx),
    then: { phase: 'CANCELED', commands: ['InvalidateOtp', 'ReleaseReservation'] },
  },
};

const sendRefused = { intentId: 'intent-0001', otpId: 'otp-9', budget: 'OTP_SENDS_PER_CLIENT' as const, retryAfterSeconds: 1200 };

interface EventRoute {
  from: IntentState;
  event: SagaEvent;
  direct: (state: IntentState, ctx: SagaContext) => Decision;
  then: Outcome;
}

const DRAFT = anIntent('DRAFT', { agent: undefined, client: undefined });
const resolved = { intentId: 'intent-0001', stepId: 'step-resolve', agent: AGENT, client: CLIENT };
const rejected = { intentId: 'intent-0001', stepId: 'step-resolve', error: { code: 'NOT_FOUND' as const, message: 'no such client' } };
const evaluated = { intentId: 'intent-0001', stepId: 'step-eval', approved: true, reasons: [] };
const dispatched = { intentId: 'intent-0001', otpId: 'otp-9', channel: 'SMS' as const, status: 'SENT' as const, expiresAt: at(300).toISOString() };
const otpRejected = { intentId: 'intent-0001', stepId: 'step-otp', reason: 'INVALID' as const, attemptsLeft: 2 };
const pinRejected = { intentId: 'intent-0001', stepId: 'step-pin', reason: 'LOCKED' as const, attemptsLeft: 0 };
const reserved = { intentId: 'intent-0001', stepId: STEP_RESERVE, approved: true, reasons: [] };
const posted = { intentId: 'intent-0001', stepId: STEP_SETTLE, transactionId: 'cashout-intent-0001', clientBalance: 489_750 };
const refused = { intentId: 'intent-0001', stepId: STEP_SETTLE, reason: 'wallet would go negative' };

/** Every event type (a missing one fails to compile), sent to a saga waiting for it. */
const EVENTS: Record<SagaEvent['type'], EventRoute> = {
  PartiesResolved: {
    from: waiting(DRAFT, 'RESOLVE', 'step-resolve', aWaiter('create')),
    event: { type: 'PartiesResolved', payload: resolved },
    direct: (state, ctx) => onPartiesResolved(state, resolved, ctx),
    then: { phase: 'DRAFT', step: 'EVALUATE', commands: ['EvaluateCashOut'] },
  },
  PartiesRejected: {
    from: waiting(DRAFT, 'RESOLVE', 'step-resolve', aWaiter('create')),
    event: { type: 'PartiesRejected', payload: rejected },
    direct: (state) => onPartiesRejected(state, rejected),
    then: { phase: 'REJECTED', commands: [] },
  },
  CashOutEvaluated: {
    from: waiting(anIntent('DRAFT'), 'EVALUATE', 'step-eval', aWaiter('create')),
    event: { type: 'CashOutEvaluated', payload: evaluated },
    direct: (state, ctx) => onEvaluated(state, evaluated, ctx),
    then: { phase: 'CREATED', commands: [] },
  },
  OtpDispatched: {
    from: waiting(anIntent('CREATED'), 'ISSUE_OTP', 'otp-9', aWaiter('send-otp')),
    event: { type: 'OtpDispatched', payload: dispatched },
    direct: (state, ctx) => onOtpDispatched(state, dispatched, ctx),
    then: { phase: 'OTP_SENT', commands: [] },
  },
  OtpSendRefused: {
    from: waiting(anIntent('CREATED'), 'ISSUE_OTP', 'otp-9', aWaiter('send-otp')),
    event: { type: 'OtpSendRefused', payload: sendRefused },
    direct: (state) => onOtpSendRefused(state, sendRefused),
    then: { phase: 'CREATED', commands: [] },
  },
  OtpVerified: {
    from: waiting(anIntent('OTP_SENT'), 'VERIFY_OTP', 'step-otp', aWaiter('verify-otp')),
    event: { type: 'OtpVerified', payload: { intentId: 'intent-0001', stepId: 'step-otp' } },
    direct: (state, ctx) => onOtpVerified(state, { intentId: 'intent-0001', stepId: 'step-otp' }, ctx),
    then: { phase: 'OTP_VERIFIED', commands: [] },
  },
  OtpRejected: {
    from: waiting(anIntent('OTP_SENT'), 'VERIFY_OTP', 'step-otp', aWaiter('verify-otp')),
    event: { type: 'OtpRejected', payload: otpRejected },
    direct: (state, ctx) => onOtpRejected(state, otpRejected, ctx),
    then: { phase: 'OTP_SENT', commands: [] },
  },
  PinVerified: {
    from: waiting(anIntent('OTP_VERIFIED'), 'VERIFY_PIN', 'step-pin', aWaiter('verify-pin')),
    event: { type: 'PinVerified', payload: { intentId: 'intent-0001', stepId: 'step-pin' } },
    direct: (state, ctx) => onPinVerified(state, { intentId: 'intent-0001', stepId: 'step-pin' }, ctx),
    then: { phase: 'PIN_VERIFIED', commands: [] },
  },
  PinRejected: {
    from: waiting(anIntent('OTP_VERIFIED'), 'VERIFY_PIN', 'step-pin', aWaiter('verify-pin')),
    event: { type: 'PinRejected', payload: pinRejected },
    direct: (state, ctx) => onPinRejected(state, pinRejected, ctx),
    then: { phase: 'CANCELED', commands: ['InvalidateOtp', 'ReleaseReservation'] },
  },
  HoldPlaced: {
    from: holding(),
    event: { type: 'HoldPlaced', payload: holdPlaced('PLACED') },
    direct: (state, ctx) => onHoldPlaced(state, holdPlaced('PLACED'), ctx),
    then: { phase: 'PIN_VERIFIED', step: 'RESERVE', commands: ['ReserveCashOut'] },
  },
  CashOutReserved: {
    from: reserving(),
    event: { type: 'CashOutReserved', payload: reserved },
    direct: (state, ctx) => onReserved(state, reserved, ctx),
    then: { phase: 'PROCESSING', step: 'SETTLE', commands: ['PostCashOut'] },
  },
  CashOutPosted: {
    from: settling(),
    event: { type: 'CashOutPosted', payload: posted },
    direct: (state, ctx) => onCashOutPosted(state, posted, ctx),
    then: { phase: 'SUCCEEDED', commands: ['CommitReservation', 'NotifyCashOutOutcome'] },
  },
  CashOutRefused: {
    from: settling(),
    event: { type: 'CashOutRefused', payload: refused },
    direct: (state, ctx) => onCashOutRefused(state, refused, ctx),
    then: { phase: 'FAILED', commands: ['ReleaseReservation', 'InvalidateOtp', 'ReleaseHold', 'NotifyCashOutOutcome'] },
  },
};

type OtherKind = Exclude<SagaInput['kind'], 'request' | 'event'>;
const confirmAsked = requestConfirm(anIntent('PIN_VERIFIED'), aWaiter('confirm'), contextAt()).state;

/** The inputs that are neither a request nor an event (a missing kind fails to compile). */
const OTHERS: Record<OtherKind, { from: IntentState; input: SagaInput; direct: (state: IntentState, ctx: SagaContext) => Decision; then: Outcome }> = {
  'repeated-create': {
    from: waiting(anIntent('DRAFT'), 'EVALUATE', 'step-eval', aWaiter('create')),
    input: { kind: 'repeated-create', message: aCreateMessage() },
    direct: (state) => repeatCreation(state, aCreateMessage()),
    then: { phase: 'DRAFT', step: 'EVALUATE', commands: [] },
  },
  deadline: {
    from: holding(),
    input: { kind: 'deadline' },
    direct: (state, ctx) => expire(state, ctx),
    then: { phase: 'EXPIRED', commands: ['ReleaseReservation', 'InvalidateOtp', 'ReleaseHold', 'NotifyCashOutOutcome'] },
  },
  stalled: {
    from: confirmAsked,
    input: { kind: 'stalled', before: at(60) },
    direct: (state, ctx) => resumeStalled(state, at(60), ctx),
    then: { phase: 'PIN_VERIFIED', step: 'HOLD', commands: ['PlaceHold'] },
  },
};

describe('decide routes every input to its decision', () => {
  it.each(Object.entries(REQUESTS))('request %s', (action, { from, request, direct, then }) => {
    const to = aWaiter(request.action);
    expect(request.action).toBe(action);

    const decision = decide(from, requestInput(AGENT_ACTOR, to, request), contextAt(at(70)));

    expect(decision).toEqual(direct(from, to, contextAt(at(70))));
    expectOutcome(decision, then);
  });

  it.each(Object.entries(EVENTS))('event %s', (type, { from, event, direct, then }) => {
    expect(event.type).toBe(type);

    const decision = decide(from, eventInput(event), contextAt(at(70)));

    expect(decision).toEqual(direct(from, contextAt(at(70))));
    expectOutcome(decision, then);
  });

  it.each(Object.entries(OTHERS))('%s', (_kind, { from, input, direct, then }) => {
    const decision = decide(from, input, contextAt(at(601)));

    expect(decision).toEqual(direct(from, contextAt(at(601))));
    expectOutcome(decision, then);
  });
});

describe('decide runs admit before a request', () => {
  it.each(Object.entries(REQUESTS))("refuses another agent's %s with NOT_FOUND, changing and sending nothing", (_action, { from, request }) => {
    const to = aWaiter(request.action);

    const decision = decide(from, requestInput(OTHER_AGENT, to, request), contextAt());

    expect(expectRefusal(decision, from, to).code).toBe('NOT_FOUND');
  });

  it('refuses a request the status does not allow with INVALID_STATE', () => {
    const before = anIntent('CREATED');
    const to = aWaiter('confirm');

    const decision = decide(before, requestInput(AGENT_ACTOR, to, { action: 'confirm' }), contextAt());

    expect(expectRefusal(decision, before, to)).toMatchObject({ code: 'INVALID_STATE', details: { status: 'CREATED', action: 'confirm' } });
  });

  it('joins a confirm to the hold in progress instead of placing a second hold', () => {
    const first = aWaiter('confirm');
    const again = aWaiter('confirm');
    const before = holding(first);

    const decision = decide(before, requestInput(AGENT_ACTOR, again, { action: 'confirm' }), contextAt());

    expect(decision.commands).toEqual([]);
    expect(decision.replies).toEqual([]);
    expect(decision.state.pending?.waiters).toEqual([first, again]);
  });

  it('answers a confirm of a SUCCEEDED intent with it, posting nothing', () => {
    const before = anIntent('SUCCEEDED');
    const to = aWaiter('confirm');

    const decision = decide(before, requestInput(AGENT_ACTOR, to, { action: 'confirm' }), contextAt());

    expect(decision.state).toBe(before);
    expect(decision.commands).toEqual([]);
    expect(decision.replies.map((reply) => intentReply(reply))).toEqual([toView(before)]);
  });

  it('records the admitted actor, an admin acting for the agent, on a cancel', () => {
    const decision = decide(anIntent('OTP_SENT'), requestInput(ADMIN, aWaiter('cancel'), { action: 'cancel' }), contextAt());

    expect(lastHistory(decision.state)).toMatchObject({ status: 'CANCELED', actor: ADMIN.userId, reason: 'canceled by request' });
  });

  it('ignores an event for a step the saga does not wait for, whatever its kind', () => {
    const before = anIntent('OTP_SENT');

    expectNoChange(decide(before, eventInput({ type: 'PinVerified', payload: { intentId: 'intent-0001', stepId: 'step-pin' } }), contextAt()), before);
  });
});
