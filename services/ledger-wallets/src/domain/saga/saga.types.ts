import { ErrorBody, MessageType, PayloadOf, ReplyBody } from '@cashout/shared-contracts';
import { FeeSchedule } from '../fees';
import { IntentState, PendingStep, SagaCommand, toView, Waiter } from '../intent';

export type { SagaCommand } from '../intent';

export interface SagaReply {
  to: Waiter;
  body: ReplyBody;
}

/**
 * What a decision produces: the intent's next state, the messages to send (every effect the
 * saga has on other aggregates — holds, postings, risk, OTPs, notices — is one of them, sent
 * through the outbox of the same write), and the answers to waiting requests.
 */
export interface Decision {
  state: IntentState;
  commands: SagaCommand[];
  replies: SagaReply[];
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

export const command = <T extends MessageType>(type: T, payload: PayloadOf<T>): SagaCommand => ({ type, payload }) as SagaCommand;

export const error = (to: Waiter, body: ErrorBody): SagaReply => ({ to, body: { kind: 'error', error: body } });

/** Nothing changes; only the given replies are sent. */
export const answerOnly = (state: IntentState, ...replies: SagaReply[]): Decision => ({ state, commands: [], replies });

export const decision = (state: IntentState, parts: Partial<Omit<Decision, 'state'>> = {}): Decision => ({
  state,
  commands: parts.commands ?? [],
  replies: parts.replies ?? [],
});

export const waitersOf = (state: IntentState): Waiter[] => state.pending?.waiters ?? [];

/** Answers every waiting request with the intent as it now stands. */
export function answerWaiters(state: IntentState, waiters = waitersOf(state)): SagaReply[] {
  return waiters.map((to) => ({ to, body: { kind: 'intent', intent: toView(state) } }));
}

/**
 * The saga now waits for `step`. The command that asks for it is kept with it (unless it
 * carries a secret), so a sweep can ask again if the answer never comes.
 */
export function awaitStep(state: IntentState, step: PendingStep, stepId: string, waiters: Waiter[], ctx: SagaContext, resend?: SagaCommand): IntentState {
  return { ...state, pending: { step, stepId, waiters, since: ctx.now.toISOString(), ...(resend ? { resend } : {}) } };
}

/** The step being waited for is over. */
export const settled = (state: IntentState): IntentState => ({ ...state, pending: undefined });

/** Does the event answer the step the saga waits for? Stale or duplicate answers do not. */
export const awaits = (state: IntentState, step: PendingStep, stepId: string): boolean => state.pending?.step === step && state.pending.stepId === stepId;

/** An ending intent for the risk engine: its reservation, and the parties whose open intents it leaves. */
export const endingOf = (state: IntentState): PayloadOf<'ReleaseReservation'> => ({
  intentId: state.id,
  ...(state.agent && state.client ? { agentUserId: state.agent.userId, clientUserId: state.client.userId } : {}),
});
