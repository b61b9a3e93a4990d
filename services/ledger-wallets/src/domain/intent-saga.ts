import { Actor, Message, PayloadOf } from '@cashout/shared-contracts';
import { canStart, IntentAction, IntentState, invalidState, resolveAgentFromIntent, Waiter } from './intent';
import { confirmShortcut, onCashOutPosted, onCashOutRefused, onHoldPlaced, onReserved, requestConfirm } from './saga/confirmation.decisions';
import { onEvaluated, onPartiesRejected, onPartiesResolved, repeatCreation } from './saga/creation.decisions';
import { cancel, expire, resumeStalled } from './saga/ending.decisions';
import { onOtpDispatched, onOtpRejected, onOtpSendRefused, onOtpVerified, requestOtp, requestOtpCheck } from './saga/otp.decisions';
import { onPinRejected, onPinVerified, requestPinCheck } from './saga/pin.decisions';
import { answerOnly, decision, Decision, error, SagaContext } from './saga/saga.types';

export * from './saga/saga.types';
export * from './saga/creation.decisions';
export * from './saga/otp.decisions';
export * from './saga/pin.decisions';
export * from './saga/confirmation.decisions';
export * from './saga/ending.decisions';

/**
 * The saga's decisions, as pure functions: (state, input) → new state + messages to send +
 * answers to waiting requests. Nothing here throws for an expected outcome and nothing does
 * I/O; the handlers only load, call `decide`, and store the decision with its messages in
 * one write. The switches are exhaustive: a new input that is not decided fails to compile.
 */
export type SagaRequest =
  | { action: 'send-otp' }
  | { action: 'verify-otp'; sealedOtp: string }
  | { action: 'verify-pin'; sealedPin: string; sealedToken?: string }
  | { action: 'confirm' }
  | { action: 'cancel'; reason?: string };

export type SagaEventType =
  | 'PartiesResolved'
  | 'PartiesRejected'
  | 'CashOutEvaluated'
  | 'OtpDispatched'
  | 'OtpSendRefused'
  | 'OtpVerified'
  | 'OtpRejected'
  | 'PinVerified'
  | 'PinRejected'
  | 'HoldPlaced'
  | 'CashOutReserved'
  | 'CashOutPosted'
  | 'CashOutRefused';

/** An outcome from another service (or the ledger's own movements) that answers a step. */
export type SagaEvent = { [T in SagaEventType]: { type: T; payload: PayloadOf<T> } }[SagaEventType];

export type SagaInput =
  | { kind: 'request'; actor: Actor; to: Waiter; request: SagaRequest }
  | { kind: 'repeated-create'; message: Message<'CreateCashOutIntent'> }
  | { kind: 'event'; event: SagaEvent }
  | { kind: 'deadline' }
  | { kind: 'stalled'; before: Date };

const unreachable = (value: never): never => {
  throw new Error(`undecided saga input ${JSON.stringify(value)}`);
};

export function decide(state: IntentState, input: SagaInput, ctx: SagaContext): Decision {
  switch (input.kind) {
    case 'request': {
      const gate = admit(state, input.actor, input.request.action, input.to);
      return gate.ok ? decideRequest(state, input.actor, input.request, input.to, ctx) : gate.decision;
    }
    case 'repeated-create':
      return repeatCreation(state, input.message);
    case 'event':
      return decideEvent(state, input.event, ctx);
    case 'deadline':
      return expire(state, ctx);
    case 'stalled':
      return resumeStalled(state, input.before, ctx);
    default:
      return unreachable(input);
  }
}

function decideRequest(state: IntentState, actor: Actor, request: SagaRequest, to: Waiter, ctx: SagaContext): Decision {
  switch (request.action) {
    case 'send-otp':
      return requestOtp(state, to, ctx);
    case 'verify-otp':
      return requestOtpCheck(state, request.sealedOtp, to, ctx);
    case 'verify-pin':
      return requestPinCheck(state, request, to, ctx);
    case 'confirm':
      return requestConfirm(state, to, ctx);
    case 'cancel':
      return cancel(state, actor, request.reason, to, ctx);
    default:
      return unreachable(request);
  }
}

function decideEvent(state: IntentState, event: SagaEvent, ctx: SagaContext): Decision {
  switch (event.type) {
    case 'PartiesResolved':
      return onPartiesResolved(state, event.payload, ctx);
    case 'PartiesRejected':
      return onPartiesRejected(state, event.payload);
    case 'CashOutEvaluated':
      return onEvaluated(state, event.payload, ctx);
    case 'OtpDispatched':
      return onOtpDispatched(state, event.payload, ctx);
    case 'OtpSendRefused':
      return onOtpSendRefused(state, event.payload);
    case 'OtpVerified':
      return onOtpVerified(state, event.payload, ctx);
    case 'OtpRejected':
      return onOtpRejected(state, event.payload, ctx);
    case 'PinVerified':
      return onPinVerified(state, event.payload, ctx);
    case 'PinRejected':
      return onPinRejected(state, event.payload, ctx);
    case 'HoldPlaced':
      return onHoldPlaced(state, event.payload, ctx);
    case 'CashOutReserved':
      return onReserved(state, event.payload, ctx);
    case 'CashOutPosted':
      return onCashOutPosted(state, event.payload, ctx);
    case 'CashOutRefused':
      return onCashOutRefused(state, event.payload, ctx);
    default:
      return unreachable(event);
  }
}

export type Gate = { ok: true } | { ok: false; decision: Decision };

/**
 * Authorization (resolveAgentFromIntent), the state machine, and requests arriving while
 * the saga waits: the same action joins the wait, another is refused.
 */
export function admit(state: IntentState, actor: Actor, action: Exclude<IntentAction, 'create'>, to: Waiter): Gate {
  const agent = resolveAgentFromIntent(state, actor);
  if ('code' in agent) return { ok: false, decision: answerOnly(state, error(to, agent)) };
  if (state.pending) {
    const confirming = action === 'confirm' && (state.pending.step === 'HOLD' || state.pending.step === 'RESERVE' || state.pending.step === 'SETTLE');
    if (state.pending.waiters.some((waiter) => waiter.action === action) || confirming) {
      const joined = { ...state, pending: { ...state.pending, waiters: [...state.pending.waiters, to] } };
      return { ok: false, decision: decision(joined) };
    }
    if (action !== 'cancel') {
      return {
        ok: false,
        decision: answerOnly(state, error(to, { ...invalidState(state, action), message: `another ${state.pending.step} step is in progress` })),
      };
    }
  }
  if (action === 'confirm') {
    const shortcut = confirmShortcut(state, to);
    if (shortcut) return { ok: false, decision: shortcut };
  }
  if (!canStart(state.phase, action)) return { ok: false, decision: answerOnly(state, error(to, invalidState(state, action))) };
  return { ok: true };
}
