import { Actor, ErrorBody, Message, MessageType, PayloadOf, ReplyBody } from '@cashout/shared-contracts';
import { commissionFor, FeeSchedule, feeFor } from './fees';
import {
  canStart,
  EXPIRABLE,
  IntentAction,
  IntentState,
  invalidState,
  PendingStep,
  referenceIdFor,
  resolveAgentFromIntent,
  toView,
  transition,
  Waiter,
} from './intent';

/**
 * The saga's decisions, as pure functions: (state, event) → new state + messages to send +
 * answers to waiting requests + local ledger effects. Nothing here throws for an expected
 * outcome and nothing does I/O; the handlers only load, call, and persist.
 */
export type SagaCommand = { [T in MessageType]: { type: T; payload: PayloadOf<T> } }[MessageType];

export interface SagaReply {
  to: Waiter;
  body: ReplyBody;
}

export type LedgerEffect = { kind: 'release-hold'; holdId: string } | { kind: 'settle' };

export interface Decision {
  state: IntentState;
  commands: SagaCommand[];
  replies: SagaReply[];
  effects: LedgerEffect[];
}

export interface SagaConfig {
  intentTtlSeconds: number;
  otpMaxAttempts: number;
  otpMaxResends: number;
  otpResendCooldownSeconds: number;
  fees: FeeSchedule;
  supportedCurrencies: string[];
}

export interface SagaContext {
  now: Date;
  newId: () => string;
  config: SagaConfig;
}

const command = <T extends MessageType>(type: T, payload: PayloadOf<T>): SagaCommand =>
  ({ type, payload }) as SagaCommand;

const error = (to: Waiter, body: ErrorBody): SagaReply => ({ to, body: { kind: 'error', error: body } });

/** Nothing changes; only the given replies are sent. */
export const answerOnly = (state: IntentState, ...replies: SagaReply[]): Decision => ({
  state,
  commands: [],
  replies,
  effects: [],
});

const decision = (state: IntentState, parts: Partial<Omit<Decision, 'state'>> = {}): Decision => ({
  state,
  commands: parts.commands ?? [],
  replies: parts.replies ?? [],
  effects: parts.effects ?? [],
});

const waitersOf = (state: IntentState) => state.pending?.waiters ?? [];

/** Answers every waiting request with the intent as it now stands. */
function answerWaiters(state: IntentState, waiters = waitersOf(state)): SagaReply[] {
  return waiters.map((to) => ({ to, body: { kind: 'intent', intent: toView(state) } }));
}

function awaitStep(state: IntentState, step: PendingStep, stepId: string, waiters: Waiter[]): IntentState {
  return { ...state, pending: { step, stepId, waiters } };
}

const settled = (state: IntentState): IntentState => ({ ...state, pending: undefined });

/** Does the event answer the step the saga waits for? Stale or duplicate answers do not. */
export const awaits = (state: IntentState, step: PendingStep, stepId: string): boolean =>
  state.pending?.step === step && state.pending.stepId === stepId;

// ---------------------------------------------------------------- creation

export function startCreation(message: Message<'CreateCashOutIntent'>, ctx: SagaContext): Decision {
  const { payload } = message;
  const waiter: Waiter = { correlationId: message.correlationId, causationId: message.messageId, action: 'create' };
  const at = ctx.now.toISOString();
  const stepId = ctx.newId();
  const state: IntentState = {
    id: payload.intentId,
    referenceId: referenceIdFor(payload.intentId, ctx.now),
    phase: 'DRAFT',
    channel: payload.channel,
    amount: payload.amount,
    currency: payload.currency,
    fees: 0,
    commission: 0,
    requestedBy: payload.actor,
    request: { agentPhone: payload.agentPhone, clientPhone: payload.clientPhone },
    expiresAt: new Date(ctx.now.getTime() + ctx.config.intentTtlSeconds * 1000).toISOString(),
    createdAt: at,
    updatedAt: at,
    history: [],
  };
  if (!ctx.config.supportedCurrencies.includes(payload.currency)) {
    return reject(state, waiter, {
      code: 'VALIDATION_FAILED',
      message: `currency ${payload.currency} is not supported`,
      details: [{ field: 'currency', message: `must be one of ${ctx.config.supportedCurrencies.join(', ')}` }],
    });
  }
  return decision(awaitStep(state, 'RESOLVE', stepId, [waiter]), {
    commands: [
      command('ResolveParties', {
        intentId: payload.intentId,
        stepId,
        channel: payload.channel,
        actor: payload.actor,
        agentPhone: payload.agentPhone,
        clientPhone: payload.clientPhone,
        clientQrToken: payload.clientQrToken,
      }),
    ],
  });
}

function reject(state: IntentState, waiter: Waiter | undefined, body: ErrorBody): Decision {
  const waiters = waiter ? [waiter] : waitersOf(state);
  return decision(settled({ ...state, phase: 'REJECTED', rejection: body }), {
    replies: waiters.map((to) => error(to, body)),
  });
}

/** A repeated create (redelivery or retried request) answers with what creation became. */
export function repeatCreation(state: IntentState, message: Message<'CreateCashOutIntent'>): Decision {
  const to: Waiter = { correlationId: message.correlationId, causationId: message.messageId, action: 'create' };
  if (state.phase === 'REJECTED' && state.rejection) return answerOnly(state, error(to, state.rejection));
  if (state.phase === 'DRAFT') {
    if (waitersOf(state).some((waiter) => waiter.correlationId === to.correlationId)) return answerOnly(state);
    return decision({ ...state, pending: state.pending && { ...state.pending, waiters: [...state.pending.waiters, to] } });
  }
  return answerOnly(state, { to, body: { kind: 'intent', intent: toView(state) } });
}

export function onPartiesResolved(state: IntentState, event: PayloadOf<'PartiesResolved'>, ctx: SagaContext): Decision {
  if (!awaits(state, 'RESOLVE', event.stepId)) return answerOnly(state);
  const fee = feeFor(state.amount, ctx.config.fees.bands);
  const resolved: IntentState = {
    ...state,
    agent: event.agent,
    client: event.client,
    fees: fee ?? 0,
    commission: fee === undefined ? 0 : commissionFor(fee, ctx.config.fees.commissionBps),
  };
  const stepId = ctx.newId();
  return decision(awaitStep(resolved, 'EVALUATE', stepId, waitersOf(state)), {
    commands: [
      command('EvaluateCashOut', {
        intentId: state.id,
        stepId,
        client: { userId: event.client.userId, kycTier: event.client.kycTier, status: event.client.status },
        agentUserId: event.agent.userId,
        amount: state.amount,
        currency: state.currency,
      }),
    ],
  });
}

export function onPartiesRejected(state: IntentState, event: PayloadOf<'PartiesRejected'>): Decision {
  if (!awaits(state, 'RESOLVE', event.stepId)) return answerOnly(state);
  return reject(state, undefined, event.error);
}

export function onEvaluated(state: IntentState, event: PayloadOf<'CashOutEvaluated'>, ctx: SagaContext): Decision {
  if (!awaits(state, 'EVALUATE', event.stepId)) return answerOnly(state);
  if (!event.approved) {
    return reject(state, undefined, {
      code: 'RISK_DENIED',
      message: `the risk engine refused this cash-out: ${event.reasons.join(', ')}`,
      details: { reasons: event.reasons },
    });
  }
  if (feeFor(state.amount, ctx.config.fees.bands) === undefined) {
    return reject(state, undefined, {
      code: 'VALIDATION_FAILED',
      message: `no fee band covers the amount ${state.amount}`,
      details: [{ field: 'amount', message: 'is outside every fee band' }],
    });
  }
  const created = transition(settled(state), 'CREATED', ctx.now, { actor: state.requestedBy.userId });
  return decision(created, { replies: answerWaiters(created, waitersOf(state)) });
}

// ---------------------------------------------------------------- requests on a live intent

export type Gate = { ok: true } | { ok: false; decision: Decision };

/**
 * Authorization (resolveAgentFromIntent), the state machine, and requests arriving while
 * the saga waits: the same action joins the wait, another is refused.
 */
export function admit(state: IntentState, actor: Actor, action: Exclude<IntentAction, 'create'>, to: Waiter): Gate {
  const agent = resolveAgentFromIntent(state, actor);
  if ('code' in agent) return { ok: false, decision: answerOnly(state, error(to, agent)) };
  if (state.pending) {
    if (state.pending.waiters.some((waiter) => waiter.action === action) || (action === 'confirm' && state.pending.step === 'SETTLE')) {
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

export function requestOtp(state: IntentState, to: Waiter, ctx: SagaContext): Decision {
  const otp = state.otp;
  if (state.phase === 'OTP_SENT' && otp) {
    if (otp.resendsLeft <= 0) {
      return answerOnly(state, error(to, { code: 'OTP_RESEND_LIMIT', message: 'the OTP cannot be re-sent again', details: { resendsLeft: 0 } }));
    }
    const readyAt = new Date(otp.lastSentAt ?? 0).getTime() + ctx.config.otpResendCooldownSeconds * 1000;
    if (ctx.now.getTime() < readyAt) {
      const retryAfterSeconds = Math.ceil((readyAt - ctx.now.getTime()) / 1000);
      return answerOnly(state, error(to, { code: 'OTP_RESEND_TOO_SOON', message: `wait ${retryAfterSeconds} s before re-sending the OTP`, details: { retryAfterSeconds } }));
    }
  }
  const otpId = ctx.newId();
  const client = state.client;
  if (!client) return answerOnly(state, error(to, invalidState(state, 'send-otp')));
  return decision(awaitStep(state, 'ISSUE_OTP', otpId, [to]), {
    commands: [
      command('IssueOtp', {
        intentId: state.id,
        otpId,
        clientUserId: client.userId,
        clientPhone: client.phone,
        preferredChannel: client.preferredChannel,
      }),
    ],
  });
}

export function onOtpDispatched(state: IntentState, event: PayloadOf<'OtpDispatched'>, ctx: SagaContext): Decision {
  if (!awaits(state, 'ISSUE_OTP', event.otpId)) return answerOnly(state);
  const waiters = waitersOf(state);
  if (event.status === 'FAILED') {
    const body: ErrorBody = { code: 'OTP_DELIVERY_FAILED', message: 'the OTP could not be delivered; try again' };
    return decision(settled(state), { replies: waiters.map((to) => error(to, body)) });
  }
  const resend = state.phase === 'OTP_SENT' && state.otp !== undefined;
  const next = transition(
    {
      ...settled(state),
      otp: {
        otpId: event.otpId,
        channel: event.channel,
        expiresAt: event.expiresAt,
        attemptsLeft: ctx.config.otpMaxAttempts,
        resendsLeft: resend && state.otp ? state.otp.resendsLeft - 1 : ctx.config.otpMaxResends,
        lastSentAt: ctx.now.toISOString(),
      },
    },
    'OTP_SENT',
    ctx.now,
    { reason: resend ? 'OTP re-sent' : undefined },
  );
  return decision(next, { replies: answerWaiters(next, waiters) });
}

export function requestOtpCheck(state: IntentState, sealedOtp: string, to: Waiter, ctx: SagaContext): Decision {
  const otp = state.otp;
  if (!otp) return answerOnly(state, error(to, invalidState(state, 'verify-otp')));
  if (otp.attemptsLeft <= 0) return answerOnly(state, error(to, otpExhausted(state)));
  if (otp.expiresAt && otp.expiresAt <= ctx.now.toISOString()) {
    return answerOnly(state, error(to, { code: 'OTP_EXPIRED', message: 'the OTP has expired; request a new one' }));
  }
  const stepId = ctx.newId();
  return decision(awaitStep(state, 'VERIFY_OTP', stepId, [to]), {
    commands: [command('VerifyOtp', { intentId: state.id, stepId, otpId: otp.otpId, sealedOtp })],
  });
}

function otpExhausted(state: IntentState): ErrorBody {
  return {
    code: 'OTP_INVALID',
    message: 'no attempts left for this OTP; request a new one',
    details: { attemptsLeft: 0, resendsLeft: state.otp?.resendsLeft ?? 0 },
  };
}

export function onOtpVerified(state: IntentState, event: PayloadOf<'OtpVerified'>, ctx: SagaContext): Decision {
  if (!awaits(state, 'VERIFY_OTP', event.stepId)) return answerOnly(state);
  const next = transition(settled(state), 'OTP_VERIFIED', ctx.now);
  return decision(next, { replies: answerWaiters(next, waitersOf(state)) });
}

export function onOtpRejected(state: IntentState, event: PayloadOf<'OtpRejected'>, ctx: SagaContext): Decision {
  if (!awaits(state, 'VERIFY_OTP', event.stepId) || !state.otp) return answerOnly(state);
  const waiters = waitersOf(state);
  const otp = { ...state.otp, attemptsLeft: event.reason === 'INVALID' ? event.attemptsLeft : state.otp.attemptsLeft };
  if (event.reason === 'EXPIRED' || event.reason === 'NOT_FOUND') {
    const body: ErrorBody = { code: 'OTP_EXPIRED', message: 'the OTP is no longer valid; request a new one' };
    return decision(settled({ ...state, otp }), { replies: waiters.map((to) => error(to, body)) });
  }
  const exhausted = event.reason === 'NO_ATTEMPTS_LEFT' || otp.attemptsLeft === 0;
  if (exhausted) otp.attemptsLeft = 0;
  if (exhausted && otp.resendsLeft <= 0) {
    // Tries and resends both used up: the client did not prove consent; the intent ends.
    const canceled = cancelWithCompensation(settled({ ...state, otp }), ctx, { reason: 'OTP_ATTEMPTS_EXHAUSTED' });
    const body: ErrorBody = {
      code: 'OTP_INVALID',
      message: 'wrong OTP; no attempts or resends left, the intent is canceled',
      details: { attemptsLeft: 0, resendsLeft: 0, status: 'CANCELED' },
    };
    return { ...canceled, replies: waiters.map((to) => error(to, body)) };
  }
  const body: ErrorBody = {
    code: 'OTP_INVALID',
    message: exhausted ? 'wrong OTP; no attempts left, request a new one' : 'wrong OTP',
    details: { attemptsLeft: otp.attemptsLeft, resendsLeft: otp.resendsLeft },
  };
  return decision(settled({ ...state, otp }), { replies: waiters.map((to) => error(to, body)) });
}

export function requestPinCheck(
  state: IntentState,
  args: { sealedPin: string; sealedToken?: string },
  to: Waiter,
  ctx: SagaContext,
): Decision {
  const agentUserId = state.agent?.userId;
  if (!agentUserId) return answerOnly(state, error(to, invalidState(state, 'verify-pin')));
  const stepId = ctx.newId();
  return decision(awaitStep(state, 'VERIFY_PIN', stepId, [to]), {
    commands: [command('VerifyPin', { intentId: state.id, stepId, agentUserId, sealedPin: args.sealedPin, sealedToken: args.sealedToken })],
  });
}

export function onPinVerified(state: IntentState, event: PayloadOf<'PinVerified'>, ctx: SagaContext): Decision {
  if (!awaits(state, 'VERIFY_PIN', event.stepId)) return answerOnly(state);
  const next = transition(settled(state), 'PIN_VERIFIED', ctx.now);
  return decision(next, { replies: answerWaiters(next, waitersOf(state)) });
}

export function onPinRejected(state: IntentState, event: PayloadOf<'PinRejected'>, ctx: SagaContext): Decision {
  if (!awaits(state, 'VERIFY_PIN', event.stepId)) return answerOnly(state);
  const waiters = waitersOf(state);
  if (event.reason === 'LOCKED') {
    const canceled = cancelWithCompensation(settled(state), ctx, { reason: 'PIN_LOCKED' });
    const body: ErrorBody = { code: 'PIN_LOCKED', message: "the agent's PIN is locked; the intent is canceled", details: { attemptsLeft: 0, status: 'CANCELED' } };
    return { ...canceled, replies: waiters.map((to) => error(to, body)) };
  }
  const body: ErrorBody =
    event.reason === 'TOKEN_INVALID'
      ? { code: 'FORBIDDEN', message: "the token presented is not this intent's agent's" }
      : { code: 'PIN_INVALID', message: 'wrong PIN', details: { attemptsLeft: event.attemptsLeft } };
  return decision(settled(state), { replies: waiters.map((to) => error(to, body)) });
}

// ---------------------------------------------------------------- confirmation and settlement

export const holdIdFor = (intentId: string) => `hold-cashout-${intentId}`;

/** Confirm on a final or in-flight intent answers with it; nothing is posted again. */
export function confirmShortcut(state: IntentState, to: Waiter): Decision | undefined {
  if (state.phase === 'SUCCEEDED' || state.phase === 'PROCESSING') {
    return answerOnly(state, { to, body: { kind: 'intent', intent: toView(state) } });
  }
  return undefined;
}

/** After the client's funds are held: ask the risk engine to confirm and reserve. */
export function afterHold(
  state: IntentState,
  hold: { kind: 'placed' | 'exists' } | { kind: 'insufficient'; available: number } | { kind: 'no-wallet' },
  to: Waiter,
  ctx: SagaContext,
): Decision {
  const required = state.amount + state.fees;
  if (hold.kind === 'insufficient' || hold.kind === 'no-wallet') {
    const availableNow = hold.kind === 'insufficient' ? hold.available : 0;
    return answerOnly(
      state,
      error(to, {
        code: 'INSUFFICIENT_FUNDS',
        message: `the client's available balance ${availableNow} does not cover ${required} (amount + fees)`,
        details: { available: availableNow, required },
      }),
    );
  }
  const client = state.client;
  const agent = state.agent;
  if (!client || !agent) return answerOnly(state, error(to, invalidState(state, 'confirm')));
  const stepId = ctx.newId();
  return decision(awaitStep({ ...state, holdId: holdIdFor(state.id) }, 'RESERVE', stepId, [to]), {
    commands: [
      command('ReserveCashOut', {
        intentId: state.id,
        stepId,
        client: { userId: client.userId, kycTier: client.kycTier, status: client.status },
        agentUserId: agent.userId,
        amount: state.amount,
        currency: state.currency,
      }),
    ],
  });
}

export function onReserved(state: IntentState, event: PayloadOf<'CashOutReserved'>, ctx: SagaContext): Decision {
  if (!awaits(state, 'RESERVE', event.stepId)) return answerOnly(state);
  const waiters = waitersOf(state);
  if (!event.approved) {
    const body: ErrorBody = {
      code: 'RISK_DENIED',
      message: `the risk engine refused this cash-out: ${event.reasons.join(', ')}`,
      details: { reasons: event.reasons },
    };
    return decision(settled({ ...state, holdId: undefined }), {
      replies: waiters.map((to) => error(to, body)),
      effects: [{ kind: 'release-hold', holdId: holdIdFor(state.id) }],
    });
  }
  const processing = transition(state, 'PROCESSING', ctx.now);
  return decision(awaitStep(processing, 'SETTLE', ctx.newId(), waiters), { effects: [{ kind: 'settle' }] });
}

export function onSettled(
  state: IntentState,
  result: { transactionId: string; clientBalance: number },
  ctx: SagaContext,
): Decision {
  if (state.phase !== 'PROCESSING' || !state.client) return answerOnly(state);
  const succeeded = transition(settled({ ...state, transactionId: result.transactionId }), 'SUCCEEDED', ctx.now);
  return decision(succeeded, {
    replies: answerWaiters(succeeded, waitersOf(state)),
    commands: [
      command('CommitReservation', { intentId: state.id }),
      command('NotifyCashOutOutcome', {
        intentId: state.id,
        outcome: 'SUCCEEDED',
        customerPhone: state.client.phone,
        preferredChannel: state.client.preferredChannel,
        amount: state.amount,
        fee: state.fees,
        currency: state.currency,
        referenceId: state.referenceId,
        newBalance: result.clientBalance,
      }),
    ],
  });
}

export function onSettlementFailed(state: IntentState, reason: string, ctx: SagaContext): Decision {
  if (state.phase !== 'PROCESSING') return answerOnly(state);
  const failed = compensate(settled({ ...state, failureReason: reason }), 'FAILED', ctx, { reason });
  return { ...failed, replies: answerWaiters(failed.state, waitersOf(state)) };
}

// ---------------------------------------------------------------- cancel, expiry, compensation

export function cancel(state: IntentState, actor: Actor, reason: string | undefined, to: Waiter, ctx: SagaContext): Decision {
  const interrupted = waitersOf(state);
  const canceled = cancelWithCompensation(settled(state), ctx, { actor: actor.userId, reason: reason ?? 'canceled by request' });
  const body: ErrorBody = { ...invalidState(canceled.state, 'cancel'), message: 'the intent was canceled meanwhile' };
  return {
    ...canceled,
    replies: [...interrupted.map((waiter) => error(waiter, body)), { to, body: { kind: 'intent', intent: toView(canceled.state) } }],
  };
}

function cancelWithCompensation(state: IntentState, ctx: SagaContext, entry: { actor?: string; reason: string }): Decision {
  const canceled = transition({ ...state, failureReason: entry.reason }, 'CANCELED', ctx.now, entry);
  // Also when no OTP is recorded yet: one may be on its way (ISSUE_OTP in flight).
  return decision(canceled, { commands: [command('InvalidateOtp', { intentId: state.id })] });
}

export function expire(state: IntentState, ctx: SagaContext): Decision {
  if (state.phase === 'DRAFT' && state.expiresAt <= ctx.now.toISOString()) {
    // Creation never completed (a service did not answer): refuse it rather than wait forever.
    return reject(state, undefined, { code: 'TIMEOUT', message: 'the intent could not be created in time' });
  }
  if (!EXPIRABLE.includes(state.phase) || state.expiresAt > ctx.now.toISOString()) return answerOnly(state);
  const waiters = waitersOf(state);
  const expired = compensate(settled({ ...state, failureReason: 'EXPIRED' }), 'EXPIRED', ctx, { reason: 'deadline passed' });
  const body: ErrorBody = { ...invalidState(expired.state, 'confirm'), message: 'the intent expired meanwhile' };
  return { ...expired, replies: waiters.map((to) => error(to, body)) };
}

/**
 * FAILED and EXPIRED: release the risk reservation, void the hold, invalidate the OTP and
 * tell the client. Every step is idempotent downstream, so running it twice is harmless.
 */
function compensate(state: IntentState, to: 'FAILED' | 'EXPIRED', ctx: SagaContext, entry: { reason: string }): Decision {
  const next = transition({ ...state, holdId: undefined }, to, ctx.now, {
    reason: `${entry.reason}; compensated: risk reservation released, hold voided, OTP invalidated, client notified`,
  });
  const commands: SagaCommand[] = [
    command('ReleaseReservation', { intentId: state.id }),
    command('InvalidateOtp', { intentId: state.id }),
  ];
  if (state.client) {
    commands.push(
      command('NotifyCashOutOutcome', {
        intentId: state.id,
        outcome: 'FAILED',
        customerPhone: state.client.phone,
        preferredChannel: state.client.preferredChannel,
        amount: state.amount,
        fee: state.fees,
        currency: state.currency,
        referenceId: state.referenceId,
        reason: to === 'EXPIRED' ? 'the cash-out request expired' : 'the cash-out could not be completed',
      }),
    );
  }
  return decision(next, { commands, effects: [{ kind: 'release-hold', holdId: holdIdFor(state.id) }] });
}
