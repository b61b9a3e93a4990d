import { Actor, ErrorBody } from '@cashout/shared-contracts';
import { EXPIRABLE, IntentState, invalidState, toView, transition, Waiter } from '../intent';
import { releaseHoldCommand } from './confirmation.decisions';
import { reject } from './creation.decisions';
import { answerOnly, command, decision, Decision, endingOf, error, SagaCommand, SagaContext, settled, waitersOf } from './saga.types';

export function cancel(state: IntentState, actor: Actor, reason: string | undefined, to: Waiter, ctx: SagaContext): Decision {
  const interrupted = waitersOf(state);
  const canceled = cancelWithCompensation(settled(state), ctx, { actor: actor.userId, reason: reason ?? 'canceled by request' });
  const body: ErrorBody = { ...invalidState(canceled.state, 'cancel'), message: 'the intent was canceled meanwhile' };
  return {
    ...canceled,
    replies: [...interrupted.map((waiter) => error(waiter, body)), { to, body: { kind: 'intent', intent: toView(canceled.state) } }],
  };
}

/**
 * CANCELED holds no money (cancel is refused from PIN_VERIFIED on), so the OTP goes, and the
 * risk engine hears the intent ended: it stops counting among its parties' open intents, and
 * no reservation can be made for it afterwards.
 */
export function cancelWithCompensation(state: IntentState, ctx: SagaContext, entry: { actor?: string; reason: string }): Decision {
  const canceled = transition({ ...state, failureReason: entry.reason }, 'CANCELED', ctx.now, entry);
  // Also when no OTP is recorded yet: one may be on its way (ISSUE_OTP in flight).
  return decision(canceled, { commands: [command('InvalidateOtp', { intentId: state.id }), command('ReleaseReservation', endingOf(state))] });
}

export function expire(state: IntentState, ctx: SagaContext): Decision {
  if (state.phase === 'DRAFT' && state.expiresAt <= ctx.now.toISOString()) {
    // Creation never completed (a service did not answer): refuse it rather than wait forever.
    return reject(state, undefined, { code: 'TIMEOUT', message: 'the intent could not be created in time' });
  }
  if (!EXPIRABLE.includes(state.phase) || state.expiresAt > ctx.now.toISOString()) return answerOnly(state);
  const waiters = waitersOf(state);
  const expired = compensate(settled({ ...state, failureReason: 'EXPIRED' }), 'EXPIRED', ctx, { reason: 'deadline passed' });
  const bodyFor = (to: Waiter): ErrorBody => ({ ...invalidState(expired.state, to.action), message: 'the intent expired meanwhile' });
  return { ...expired, replies: waiters.map((to) => error(to, bodyFor(to))) };
}

/**
 * FAILED and EXPIRED: release the risk reservation, give back the hold of the current
 * confirmation attempt (placed or still on its way: a release that comes first voids it),
 * invalidate the OTP and tell the client. Each is a command of this same write, idempotent
 * downstream, so a crash never leaves half of it undone.
 */
export function compensate(state: IntentState, to: 'FAILED' | 'EXPIRED', ctx: SagaContext, entry: { reason: string }): Decision {
  const done = ['risk reservation released', ...(state.holdId ? ['hold released'] : []), 'OTP invalidated', ...(state.client ? ['client notified'] : [])];
  const next = transition({ ...state, holdId: undefined }, to, ctx.now, { reason: `${entry.reason}; compensated: ${done.join(', ')}` });
  const commands: SagaCommand[] = [
    command('ReleaseReservation', endingOf(state)),
    command('InvalidateOtp', { intentId: state.id }),
    ...(state.holdId ? releaseHoldCommand(state, state.holdId) : []),
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
  return decision(next, { commands });
}

/**
 * A step whose answer never came (a message dead-lettered, a service down for long): ask
 * again with the same step id — every step is idempotent downstream — or, for a check that
 * carries a secret and cannot be re-sent, give up the step so the caller may try again.
 */
export function resumeStalled(state: IntentState, stalledBefore: Date, ctx: SagaContext): Decision {
  const pending = state.pending;
  if (!pending || pending.since > stalledBefore.toISOString()) return answerOnly(state);
  if (pending.resend) return decision({ ...state, pending: { ...pending, since: ctx.now.toISOString() } }, { commands: [pending.resend] });
  // A creation that cannot be asked again (its QR token is not kept) is refused: nothing waits for it any more.
  if (state.phase === 'DRAFT') return reject(state, undefined, { code: 'TIMEOUT', message: 'the intent could not be created in time' });
  const body: ErrorBody = { code: 'TIMEOUT', message: `the ${pending.step.toLowerCase().replace('_', ' ')} step took too long; try again` };
  return decision(settled(state), { replies: pending.waiters.map((to) => error(to, body)) });
}
