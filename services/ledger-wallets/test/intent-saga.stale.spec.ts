import { IntentState } from '../src/domain/intent';
import { decide, SagaEvent } from '../src/domain/intent-saga';
import {
  AGENT,
  anIntent,
  at,
  aWaiter,
  CLIENT,
  contextAt,
  eventInput,
  expectNoChange,
  holding,
  holdPlaced,
  reserving,
  settling,
  waiting,
} from './support/saga-fixtures';

const STALE = 'an-old-step-id';
const intentId = 'intent-0001';

/**
 * Each answer, carrying a step id the saga no longer waits for, with a saga waiting for that
 * kind of step (a missing event type fails to compile).
 */
const STALE_ANSWERS: Record<SagaEvent['type'], [IntentState, SagaEvent]> = {
  PartiesResolved: [
    waiting(anIntent('DRAFT'), 'RESOLVE', 'current', aWaiter('create')),
    { type: 'PartiesResolved', payload: { intentId, stepId: STALE, agent: AGENT, client: CLIENT } },
  ],
  PartiesRejected: [
    waiting(anIntent('DRAFT'), 'RESOLVE', 'current', aWaiter('create')),
    { type: 'PartiesRejected', payload: { intentId, stepId: STALE, error: { code: 'NOT_FOUND', message: 'x' } } },
  ],
  CashOutEvaluated: [
    waiting(anIntent('DRAFT'), 'EVALUATE', 'current', aWaiter('create')),
    { type: 'CashOutEvaluated', payload: { intentId, stepId: STALE, approved: true, reasons: [] } },
  ],
  OtpDispatched: [
    waiting(anIntent('CREATED'), 'ISSUE_OTP', 'current', aWaiter('send-otp')),
    { type: 'OtpDispatched', payload: { intentId, otpId: STALE, channel: 'SMS', status: 'SENT', expiresAt: at(300).toISOString() } },
  ],
  OtpSendRefused: [
    waiting(anIntent('CREATED'), 'ISSUE_OTP', 'current', aWaiter('send-otp')),
    { type: 'OtpSendRefused', payload: { intentId, otpId: STALE, budget: 'OTP_SENDS_PER_AGENT', retryAfterSeconds: 60 } },
  ],
  OtpVerified: [waiting(anIntent('OTP_SENT'), 'VERIFY_OTP', 'current', aWaiter('verify-otp')), { type: 'OtpVerified', payload: { intentId, stepId: STALE } }],
  OtpRejected: [
    waiting(anIntent('OTP_SENT'), 'VERIFY_OTP', 'current', aWaiter('verify-otp')),
    { type: 'OtpRejected', payload: { intentId, stepId: STALE, reason: 'NO_ATTEMPTS_LEFT', attemptsLeft: 0 } },
  ],
  PinVerified: [
    waiting(anIntent('OTP_VERIFIED'), 'VERIFY_PIN', 'current', aWaiter('verify-pin')),
    { type: 'PinVerified', payload: { intentId, stepId: STALE } },
  ],
  PinRejected: [
    waiting(anIntent('OTP_VERIFIED'), 'VERIFY_PIN', 'current', aWaiter('verify-pin')),
    { type: 'PinRejected', payload: { intentId, stepId: STALE, reason: 'LOCKED', attemptsLeft: 0 } },
  ],
  // A refusal: a stale PLACED for a hold the saga does not count on is given back (see the confirm tests).
  HoldPlaced: [holding(), { type: 'HoldPlaced', payload: holdPlaced('INSUFFICIENT_FUNDS', { stepId: STALE, available: 0 }) }],
  CashOutReserved: [reserving(), { type: 'CashOutReserved', payload: { intentId, stepId: STALE, approved: true, reasons: [] } }],
  CashOutPosted: [settling(), { type: 'CashOutPosted', payload: { intentId, stepId: STALE, transactionId: 'cashout-x', clientBalance: 1 } }],
  CashOutRefused: [settling(), { type: 'CashOutRefused', payload: { intentId, stepId: STALE, reason: 'late' } }],
};
const CASES = Object.entries(STALE_ANSWERS).map(([type, [state, event]]) => [type, state, event] as const);

describe('stale or duplicate answers change nothing', () => {
  it.each(CASES)('ignores a %s answering a step id the saga no longer waits for', (_type, before, event) => {
    expectNoChange(decide(before, eventInput(event), contextAt()), before);
  });

  it.each(CASES)('ignores a %s when the saga waits for nothing', (_type, waitingState, event) => {
    const before: IntentState = { ...waitingState, pending: undefined };

    expectNoChange(decide(before, eventInput(event), contextAt()), before);
  });

  it('ignores an answer carrying the right id for another kind of step', () => {
    const before = waiting(anIntent('OTP_SENT'), 'VERIFY_OTP', 'same-id', aWaiter('verify-otp'));

    expectNoChange(decide(before, eventInput({ type: 'PinVerified', payload: { intentId, stepId: 'same-id' } }), contextAt()), before);
  });

  it('ignores a CashOutPosted carrying the RESERVE step id while the reservation is awaited', () => {
    const before = reserving();

    const posted = { intentId, stepId: before.pending?.stepId ?? '', transactionId: 'x', clientBalance: 0 };

    expectNoChange(decide(before, eventInput({ type: 'CashOutPosted', payload: posted }), contextAt()), before);
  });

  it('applies an answer once: the same OtpVerified again changes nothing', () => {
    const before = waiting(anIntent('OTP_SENT'), 'VERIFY_OTP', 'step-otp', aWaiter('verify-otp'));
    const answer = eventInput({ type: 'OtpVerified', payload: { intentId, stepId: 'step-otp' } });
    const once = decide(before, answer, contextAt());

    expectNoChange(decide(once.state, answer, contextAt(at(1))), once.state);
  });

  it('applies a hold refusal once: the same INSUFFICIENT_FUNDS again neither answers nor sends', () => {
    const answer = eventInput({ type: 'HoldPlaced', payload: holdPlaced('INSUFFICIENT_FUNDS', { available: 10 }) });
    const once = decide(holding(), answer, contextAt());

    expectNoChange(decide(once.state, answer, contextAt(at(1))), once.state);
  });
});
