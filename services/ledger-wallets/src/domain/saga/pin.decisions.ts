import { ErrorBody, PayloadOf } from '@cashout/shared-contracts';
import { IntentState, invalidState, transition, Waiter } from '../intent';
import { cancelWithCompensation } from './ending.decisions';
import { answerOnly, answerWaiters, awaitStep, awaits, command, decision, Decision, error, SagaContext, settled, waitersOf } from './saga.types';

/** verify-pin: ask auth to check the agent's (sealed) PIN, with the agent's token on Mobile Pro. */
export function requestPinCheck(state: IntentState, args: { sealedPin: string; sealedToken?: string }, to: Waiter, ctx: SagaContext): Decision {
  const agentUserId = state.agent?.userId;
  if (!agentUserId) return answerOnly(state, error(to, invalidState(state, 'verify-pin')));
  const stepId = ctx.newId();
  // Not kept for a resend: it carries the sealed PIN.
  return decision(awaitStep(state, 'VERIFY_PIN', stepId, [to], ctx), {
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
    const body: ErrorBody = {
      code: 'PIN_LOCKED',
      message: "the agent's PIN is locked; the intent is canceled",
      details: { attemptsLeft: 0, status: 'CANCELED' },
    };
    return { ...canceled, replies: waiters.map((to) => error(to, body)) };
  }
  const body: ErrorBody =
    event.reason === 'TOKEN_INVALID'
      ? { code: 'FORBIDDEN', message: "the token presented is not this intent's agent's" }
      : { code: 'PIN_INVALID', message: 'wrong PIN', details: { attemptsLeft: event.attemptsLeft } };
  return decision(settled(state), { replies: waiters.map((to) => error(to, body)) });
}
