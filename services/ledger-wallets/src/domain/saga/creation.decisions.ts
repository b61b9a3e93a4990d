import { ErrorBody, Message, PayloadOf } from '@cashout/shared-contracts';
import { commissionFor, feeFor } from '../fees';
import { IntentState, referenceIdFor, toView, transition, Waiter } from '../intent';
import { answerOnly, answerWaiters, awaitStep, awaits, command, decision, Decision, error, SagaContext, settled, waitersOf } from './saga.types';

/** Creation: resolve the parties (customer), evaluate the limits (risk), then CREATED. */
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
  const resolve = command('ResolveParties', {
    intentId: payload.intentId,
    stepId,
    channel: payload.channel,
    actor: payload.actor,
    agentPhone: payload.agentPhone,
    clientPhone: payload.clientPhone,
    sealedClientQrToken: payload.sealedClientQrToken,
    clientQrToken: payload.clientQrToken,
  });
  // Not kept for a resend: a QR token is a bearer credential, and a lost answer ends at the deadline.
  return decision(awaitStep(state, 'RESOLVE', stepId, [waiter], ctx), { commands: [resolve] });
}

export function reject(state: IntentState, waiter: Waiter | undefined, body: ErrorBody): Decision {
  const waiters = waiter ? [waiter] : waitersOf(state);
  return decision(settled({ ...state, phase: 'REJECTED', rejection: body }), { replies: waiters.map((to) => error(to, body)) });
}

/** A repeated create (redelivery or retried request) answers with what creation became. */
export function repeatCreation(state: IntentState, message: Message<'CreateCashOutIntent'>): Decision {
  const to: Waiter = { correlationId: message.correlationId, causationId: message.messageId, action: 'create' };
  if (state.phase === 'REJECTED' && state.rejection) return answerOnly(state, error(to, state.rejection));
  if (state.phase === 'DRAFT') {
    if (!state.pending) return answerOnly(state, error(to, { code: 'TIMEOUT', message: 'the intent could not be created in time' }));
    if (waitersOf(state).some((waiter) => waiter.correlationId === to.correlationId)) return answerOnly(state);
    return decision({ ...state, pending: { ...state.pending, waiters: [...state.pending.waiters, to] } });
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
  const evaluate = command('EvaluateCashOut', {
    intentId: state.id,
    stepId,
    client: { userId: event.client.userId, kycTier: event.client.kycTier, status: event.client.status },
    agentUserId: event.agent.userId,
    amount: state.amount,
    currency: state.currency,
    openUntil: state.expiresAt,
  });
  return decision(awaitStep(resolved, 'EVALUATE', stepId, waitersOf(state), ctx, evaluate), { commands: [evaluate] });
}

export function onPartiesRejected(state: IntentState, event: PayloadOf<'PartiesRejected'>): Decision {
  if (!awaits(state, 'RESOLVE', event.stepId)) return answerOnly(state);
  return reject(state, undefined, event.error);
}

export function onEvaluated(state: IntentState, event: PayloadOf<'CashOutEvaluated'>, ctx: SagaContext): Decision {
  if (!awaits(state, 'EVALUATE', event.stepId)) return answerOnly(state);
  if (!event.approved && event.budget) {
    const { name, retryAfterSeconds } = event.budget;
    return reject(state, undefined, {
      code: 'BUDGET_EXHAUSTED',
      message: `too many intents are open for this ${name === 'OPEN_INTENTS_PER_AGENT' ? 'agent' : 'client'}; finish or cancel one, or retry in ${retryAfterSeconds} s`,
      details: { budget: name, retryAfterSeconds },
    });
  }
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
