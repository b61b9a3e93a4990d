import { ErrorBody, PayloadOf } from '@cashout/shared-contracts';
import { IntentState, invalidState, toView, transition, Waiter } from '../intent';
import { customerWalletId } from '../ledger';
import { compensate } from './ending.decisions';
import {
  answerOnly,
  answerWaiters,
  awaitStep,
  awaits,
  command,
  decision,
  Decision,
  endingOf,
  error,
  SagaCommand,
  SagaContext,
  settled,
  waitersOf,
} from './saga.types';

/** One hold per confirmation attempt: a refused attempt's hold is released, the next one places its own. */
export const holdIdFor = (intentId: string, stepId: string) => `hold-${intentId}-${stepId}`;

export const clientWalletOf = (state: IntentState): string | undefined => state.client && customerWalletId(state.client.userId, 'MAIN', state.currency);

export function releaseHoldCommand(state: IntentState, holdId: string): SagaCommand[] {
  const walletId = clientWalletOf(state);
  return walletId ? [command('ReleaseHold', { intentId: state.id, walletId, holdId })] : [];
}

/** Confirm on a final or in-flight intent answers with it; nothing is posted again. */
export function confirmShortcut(state: IntentState, to: Waiter): Decision | undefined {
  if (state.phase === 'SUCCEEDED' || state.phase === 'PROCESSING') {
    return answerOnly(state, { to, body: { kind: 'intent', intent: toView(state) } });
  }
  return undefined;
}

/**
 * Confirm, step 1: hold amount + fees on the client's wallet (the balance check and the
 * set-aside are one movement of the wallet). The intent stays PIN_VERIFIED until the hold
 * and the risk engine's reservation both say yes.
 */
export function requestConfirm(state: IntentState, to: Waiter, ctx: SagaContext): Decision {
  const walletId = clientWalletOf(state);
  if (!walletId || !state.agent) return answerOnly(state, error(to, invalidState(state, 'confirm')));
  const stepId = ctx.newId();
  const holdId = holdIdFor(state.id, stepId);
  const place = command('PlaceHold', {
    intentId: state.id,
    stepId,
    walletId,
    holdId,
    amount: state.amount + state.fees,
    currency: state.currency,
  });
  return decision(awaitStep({ ...state, holdId }, 'HOLD', stepId, [to], ctx, place), { commands: [place] });
}

/** Confirm, step 2: with the funds held, ask the risk engine to confirm and reserve. */
export function onHoldPlaced(state: IntentState, event: PayloadOf<'HoldPlaced'>, ctx: SagaContext): Decision {
  if (!awaits(state, 'HOLD', event.stepId)) {
    // A hold this intent no longer counts on (its attempt ended, or the intent did): give it back.
    if (event.outcome === 'PLACED' && state.holdId !== event.holdId) return decision(state, { commands: releaseHoldCommand(state, event.holdId) });
    return answerOnly(state);
  }
  const waiters = waitersOf(state);
  if (event.outcome !== 'PLACED') {
    const required = state.amount + state.fees;
    const available = event.available ?? 0;
    const body: ErrorBody =
      event.outcome === 'RELEASED'
        ? { ...invalidState(state, 'confirm'), message: 'the confirmation was interrupted; confirm again' }
        : {
            code: 'INSUFFICIENT_FUNDS',
            message: `the client's available balance ${available} does not cover ${required} (amount + fees)`,
            details: { available, required },
          };
    return decision(settled({ ...state, holdId: undefined }), { replies: waiters.map((to) => error(to, body)) });
  }
  const client = state.client;
  const agent = state.agent;
  if (!client || !agent) return answerOnly(state);
  const stepId = ctx.newId();
  const reserve = command('ReserveCashOut', {
    intentId: state.id,
    stepId,
    client: { userId: client.userId, kycTier: client.kycTier, status: client.status },
    agentUserId: agent.userId,
    amount: state.amount,
    currency: state.currency,
  });
  return decision(awaitStep(state, 'RESERVE', stepId, waiters, ctx, reserve), { commands: [reserve] });
}

/** Confirm, step 3: approved → PROCESSING, and the ledger is asked to post; refused → hold released. */
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
      commands: state.holdId ? releaseHoldCommand(state, state.holdId) : [],
    });
  }
  const walletId = clientWalletOf(state);
  const agent = state.agent;
  if (!walletId || !agent) return answerOnly(state);
  const stepId = ctx.newId();
  const post = command('PostCashOut', {
    intentId: state.id,
    stepId,
    clientWalletId: walletId,
    holdId: state.holdId,
    agent,
    amount: state.amount,
    fee: state.fees,
    commission: state.commission,
    currency: state.currency,
  });
  const processing = transition(state, 'PROCESSING', ctx.now);
  return decision(awaitStep(processing, 'SETTLE', stepId, waiters, ctx, post), { commands: [post] });
}

/** The ledger posted the cash-out and the commission: SUCCEEDED, reservation committed, client told. */
export function onCashOutPosted(state: IntentState, event: PayloadOf<'CashOutPosted'>, ctx: SagaContext): Decision {
  if (!awaits(state, 'SETTLE', event.stepId) || !state.client) return answerOnly(state);
  const succeeded = transition(settled({ ...state, transactionId: event.transactionId, holdId: undefined }), 'SUCCEEDED', ctx.now);
  return decision(succeeded, {
    replies: answerWaiters(succeeded, waitersOf(state)),
    commands: [
      command('CommitReservation', endingOf(state)),
      command('NotifyCashOutOutcome', {
        intentId: state.id,
        outcome: 'SUCCEEDED',
        customerPhone: state.client.phone,
        preferredChannel: state.client.preferredChannel,
        amount: state.amount,
        fee: state.fees,
        currency: state.currency,
        referenceId: state.referenceId,
        newBalance: event.clientBalance,
      }),
    ],
  });
}

/** The ledger refused the posting (the funds were not there): FAILED, with compensation. */
export function onCashOutRefused(state: IntentState, event: PayloadOf<'CashOutRefused'>, ctx: SagaContext): Decision {
  if (!awaits(state, 'SETTLE', event.stepId)) return answerOnly(state);
  const failed = compensate(settled({ ...state, failureReason: event.reason }), 'FAILED', ctx, { reason: event.reason });
  return { ...failed, replies: answerWaiters(failed.state, waitersOf(state)) };
}
