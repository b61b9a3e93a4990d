import { ErrorBody, PayloadOf } from '@cashout/shared-contracts';
import { IntentState, invalidState, transition, Waiter } from '../intent';
import { cancelWithCompensation } from './ending.decisions';
import { answerOnly, answerWaiters, awaitStep, awaits, command, decision, Decision, error, SagaContext, settled, waitersOf } from './saga.types';

/** send-otp: ask auth for a fresh OTP (a resend invalidates the previous one), within limits. */
export function requestOtp(state: IntentState, to: Waiter, ctx: SagaContext): Decision {
  const otp = state.otp;
  if (state.phase === 'OTP_SENT' && otp) {
    if (otp.resendsLeft <= 0) {
      return answerOnly(state, error(to, { code: 'OTP_RESEND_LIMIT', message: 'the OTP cannot be re-sent again', details: { resendsLeft: 0 } }));
    }
    const readyAt = new Date(otp.lastSentAt ?? 0).getTime() + ctx.config.otpResendCooldownSeconds * 1000;
    if (ctx.now.getTime() < readyAt) {
      const retryAfterSeconds = Math.ceil((readyAt - ctx.now.getTime()) / 1000);
      return answerOnly(
        state,
        error(to, { code: 'OTP_RESEND_TOO_SOON', message: `wait ${retryAfterSeconds} s before re-sending the OTP`, details: { retryAfterSeconds } }),
      );
    }
  }
  const { client, agent } = state;
  if (!client || !agent) return answerOnly(state, error(to, invalidState(state, 'send-otp')));
  const otpId = ctx.newId();
  // Through the risk engine's OTP-send budgets, which pass it on to auth as IssueOtp.
  const issue = command('AdmitOtpSend', {
    intentId: state.id,
    otpId,
    clientUserId: client.userId,
    clientPhone: client.phone,
    preferredChannel: client.preferredChannel,
    agentUserId: agent.userId,
  });
  return decision(awaitStep(state, 'ISSUE_OTP', otpId, [to], ctx, issue), { commands: [issue] });
}

/** The risk engine refused the send: an OTP-send budget is spent; the intent stays as it was. */
export function onOtpSendRefused(state: IntentState, event: PayloadOf<'OtpSendRefused'>): Decision {
  if (!awaits(state, 'ISSUE_OTP', event.otpId)) return answerOnly(state);
  const who = event.budget === 'OTP_SENDS_PER_AGENT' ? 'agent' : 'client';
  const body: ErrorBody = {
    code: 'BUDGET_EXHAUSTED',
    message: `too many OTPs were sent for this ${who} lately; retry in ${event.retryAfterSeconds} s`,
    details: { budget: event.budget, retryAfterSeconds: event.retryAfterSeconds },
  };
  return decision(settled(state), { replies: waitersOf(state).map((to) => error(to, body)) });
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

/** verify-otp: ask auth to compare the (sealed) code with the hash of the current OTP. */
export function requestOtpCheck(state: IntentState, sealedOtp: string, to: Waiter, ctx: SagaContext): Decision {
  const otp = state.otp;
  if (!otp) return answerOnly(state, error(to, invalidState(state, 'verify-otp')));
  if (otp.attemptsLeft <= 0) return answerOnly(state, error(to, otpExhausted(state)));
  if (otp.expiresAt && otp.expiresAt <= ctx.now.toISOString()) {
    return answerOnly(state, error(to, { code: 'OTP_EXPIRED', message: 'the OTP has expired; request a new one' }));
  }
  const stepId = ctx.newId();
  // Not kept for a resend: it carries the sealed code.
  return decision(awaitStep(state, 'VERIFY_OTP', stepId, [to], ctx), {
    commands: [command('VerifyOtp', { intentId: state.id, stepId, otpId: otp.otpId, sealedOtp, ...(state.agent ? { agentUserId: state.agent.userId } : {}) })],
  });
}

/** OTPs refused unchecked: a budget of wrong OTPs across intents is spent (the client's or the agent's). */
function budgetSpentBody(
  budget: NonNullable<PayloadOf<'OtpRejected'>['budget']>,
  retryAfterSeconds: number | undefined,
  details: Record<string, unknown>,
): ErrorBody {
  const who = budget === 'OTP_FAILURES_PER_AGENT' ? 'agent' : 'client';
  return {
    code: 'BUDGET_EXHAUSTED',
    message: `too many wrong OTPs for this ${who} lately; OTPs are refused unchecked${retryAfterSeconds === undefined ? '' : ` for ${retryAfterSeconds} s`}`,
    details: { budget, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }), ...details },
  };
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
    const body: ErrorBody = event.budget
      ? budgetSpentBody(event.budget, event.retryAfterSeconds, { attemptsLeft: 0, resendsLeft: 0, status: 'CANCELED' })
      : {
          code: 'OTP_INVALID',
          message: 'wrong OTP; no attempts or resends left, the intent is canceled',
          details: { attemptsLeft: 0, resendsLeft: 0, status: 'CANCELED' },
        };
    return { ...canceled, replies: waiters.map((to) => error(to, body)) };
  }
  if (event.budget) {
    const body = budgetSpentBody(event.budget, event.retryAfterSeconds, { attemptsLeft: 0, resendsLeft: otp.resendsLeft });
    return decision(settled({ ...state, otp }), { replies: waiters.map((to) => error(to, body)) });
  }
  const body: ErrorBody = {
    code: 'OTP_INVALID',
    message: exhausted ? 'wrong OTP; no attempts left, request a new one' : 'wrong OTP',
    details: { attemptsLeft: otp.attemptsLeft, resendsLeft: otp.resendsLeft },
  };
  return decision(settled({ ...state, otp }), { replies: waiters.map((to) => error(to, body)) });
}
