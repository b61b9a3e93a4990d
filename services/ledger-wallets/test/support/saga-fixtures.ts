import { Actor, ClientProfile, ErrorBody, IntentStatus, Message, PayloadOf } from '@cashout/shared-contracts';
import { DEFAULT_FEE_BANDS } from '../../src/domain/fees';
import { IntentAction, IntentPhase, IntentState, OtpState, PendingStep, Waiter } from '../../src/domain/intent';
import { Decision, holdIdFor, SagaCommand, SagaConfig, SagaContext, SagaEvent, SagaInput, SagaReply, SagaRequest } from '../../src/domain/intent-saga';

/** Intents, parties, contexts and assertions shared by the intent saga's unit tests. */

// ---------------------------------------------------------------- time, parties, config

export const T0 = new Date('2026-01-15T10:00:00.000Z');
export const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

export const INTENT_ID = 'intent-0001';
export const AGENT = { userId: 'usr-agent-0001', phone: '+2250500000001' };
export const CLIENT: ClientProfile = {
  userId: 'usr-client-0001',
  phone: '+2250100000001',
  kycTier: 2,
  status: 'ACTIVE',
  preferredChannel: 'WHATSAPP',
};
/** The client's MAIN wallet, spelled out: wlt-<clientUserId>-main-<currency>. */
export const CLIENT_WALLET = 'wlt-usr-client-0001-main-XOF';

export const AGENT_ACTOR: Actor = { userId: AGENT.userId, role: 'AGENT' };
export const OTHER_AGENT: Actor = { userId: 'usr-agent-0002', role: 'AGENT' };
export const ADMIN: Actor = { userId: 'usr-admin-0001', role: 'ADMIN' };
export const OPERATOR: Actor = { userId: 'usr-operator-0002', role: 'OPERATOR' };

/** 10 000 XOF: fee 250, commission 100, so the client is debited 10 250. */
export const TOTAL_DEBIT = 10_250;

export const CONFIG: SagaConfig = {
  intentTtlSeconds: 600,
  otpMaxAttempts: 3,
  otpMaxResends: 3,
  otpResendCooldownSeconds: 30,
  fees: { bands: DEFAULT_FEE_BANDS, commissionBps: 4_000 },
  supportedCurrencies: ['XOF'],
};

/** A saga context at a fixed time, with predictable ids: id-1, id-2, ... */
export function contextAt(now: Date = T0, config: Partial<SagaConfig> = {}): SagaContext {
  let next = 0;
  return {
    now,
    newId: () => {
      next += 1;
      return `id-${next}`;
    },
    config: { ...CONFIG, ...config },
  };
}

// ---------------------------------------------------------------- builders

let waiterCount = 0;
export function aWaiter(action: IntentAction): Waiter {
  waiterCount += 1;
  return { correlationId: `corr-${waiterCount}`, causationId: `msg-${waiterCount}`, action };
}

export const anOtp = (overrides: Partial<OtpState> = {}): OtpState => ({
  otpId: 'otp-1',
  channel: 'WHATSAPP',
  expiresAt: at(300).toISOString(),
  attemptsLeft: 3,
  resendsLeft: 3,
  lastSentAt: T0.toISOString(),
  ...overrides,
});

/** History as the saga would have written it on the way to `phase`. */
export function historyUpTo(phase: IntentPhase): IntentState['history'] {
  const path: IntentStatus[] = ['CREATED', 'OTP_SENT', 'OTP_VERIFIED', 'PIN_VERIFIED', 'PROCESSING'];
  const index = path.indexOf(phase as IntentStatus);
  if (phase === 'DRAFT' || phase === 'REJECTED') return [];
  const steps = index >= 0 ? path.slice(0, index + 1) : ['CREATED' as const, phase as IntentStatus];
  if (phase === 'SUCCEEDED' || phase === 'FAILED') steps.splice(1, 0, 'OTP_SENT', 'OTP_VERIFIED', 'PIN_VERIFIED', 'PROCESSING');
  return steps.map((status, i) => ({ status, at: at(i).toISOString(), ...(status === 'CREATED' ? { actor: AGENT.userId } : {}) }));
}

/** An intent in the given phase, parties resolved, 10 000 XOF (fee 250, commission 100). */
export function anIntent(phase: IntentPhase = 'CREATED', overrides: Partial<IntentState> = {}): IntentState {
  const afterOtp = !['DRAFT', 'REJECTED', 'CREATED'].includes(phase);
  return {
    id: INTENT_ID,
    referenceId: 'CO-20260115-INTENT00',
    phase,
    channel: 'MOBILE_PRO',
    amount: 10_000,
    currency: 'XOF',
    fees: 250,
    commission: 100,
    requestedBy: AGENT_ACTOR,
    request: { clientPhone: CLIENT.phone },
    agent: AGENT,
    client: CLIENT,
    otp: afterOtp ? anOtp() : undefined,
    expiresAt: at(600).toISOString(),
    createdAt: T0.toISOString(),
    updatedAt: T0.toISOString(),
    history: historyUpTo(phase),
    ...(phase === 'SUCCEEDED' ? { transactionId: 'cashout-intent-0001' } : {}),
    ...overrides,
  };
}

/** The intent waiting on `step` (id `stepId`) since T0 for the given waiters, with nothing kept to resend. */
export function waiting(state: IntentState, step: PendingStep, stepId: string, ...waiters: Waiter[]): IntentState {
  return { ...state, pending: { step, stepId, waiters, since: T0.toISOString() } };
}

/** The same intent, its pending step asked for (or last asked again) at `since`. */
export function pendingSince(state: IntentState, since: Date): IntentState {
  if (!state.pending) throw new Error('the intent waits for nothing');
  return { ...state, pending: { ...state.pending, since: since.toISOString() } };
}

// The three steps of a confirmation, each with the hold of its attempt.
export const STEP_HOLD = 'step-hold';
export const HOLD_ID = holdIdFor(INTENT_ID, STEP_HOLD);
export const STEP_RESERVE = 'step-reserve';
export const STEP_SETTLE = 'step-settle';

/** PIN_VERIFIED, PlaceHold sent, waiting for HoldPlaced. */
export const holding = (...waiters: Waiter[]) =>
  waiting(anIntent('PIN_VERIFIED', { holdId: HOLD_ID }), 'HOLD', STEP_HOLD, ...(waiters.length ? waiters : [aWaiter('confirm')]));

/** PIN_VERIFIED, funds held, waiting for the risk engine's CashOutReserved. */
export const reserving = (...waiters: Waiter[]) =>
  waiting(anIntent('PIN_VERIFIED', { holdId: HOLD_ID }), 'RESERVE', STEP_RESERVE, ...(waiters.length ? waiters : [aWaiter('confirm')]));

/** PROCESSING, PostCashOut sent, waiting for CashOutPosted or CashOutRefused. */
export const settling = (...waiters: Waiter[]) =>
  waiting(anIntent('PROCESSING', { holdId: HOLD_ID }), 'SETTLE', STEP_SETTLE, ...(waiters.length ? waiters : [aWaiter('confirm')]));

export function aCreateMessage(overrides: Partial<Message<'CreateCashOutIntent'>['payload']> = {}): Message<'CreateCashOutIntent'> {
  return {
    messageId: 'msg-create',
    type: 'CreateCashOutIntent',
    version: 1,
    occurredAt: T0.toISOString(),
    correlationId: 'corr-create',
    aggregateId: INTENT_ID,
    producer: 'gateway',
    payload: {
      intentId: INTENT_ID,
      actor: AGENT_ACTOR,
      channel: 'MOBILE_PRO',
      clientPhone: CLIENT.phone,
      amount: 10_000,
      currency: 'XOF',
      ...overrides,
    },
  };
}

// ---------------------------------------------------------------- saga inputs

export const requestInput = (actor: Actor, to: Waiter, request: SagaRequest): SagaInput => ({ kind: 'request', actor, to, request });
export const eventInput = (event: SagaEvent): SagaInput => ({ kind: 'event', event });

export const holdPlaced = (outcome: PayloadOf<'HoldPlaced'>['outcome'], overrides: Partial<PayloadOf<'HoldPlaced'>> = {}): PayloadOf<'HoldPlaced'> => ({
  intentId: INTENT_ID,
  stepId: STEP_HOLD,
  holdId: HOLD_ID,
  outcome,
  ...overrides,
});

// ---------------------------------------------------------------- assertions

export const errorsOf = (decision: Decision): Array<{ to: Waiter; error: ErrorBody }> =>
  decision.replies.flatMap((reply) => (reply.body.kind === 'error' ? [{ to: reply.to, error: reply.body.error }] : []));

export const onlyError = (decision: Decision): ErrorBody => {
  expect(decision.replies).toHaveLength(1);
  const [reply] = decision.replies;
  if (reply.body.kind !== 'error') throw new Error(`expected an error reply, got ${reply.body.kind}`);
  return reply.body.error;
};

export const intentReply = (reply: SagaReply) => {
  if (reply.body.kind !== 'intent') throw new Error(`expected an intent reply, got ${reply.body.kind}`);
  return reply.body.intent;
};

export const commandTypes = (decision: Decision) => decision.commands.map((command) => command.type);

export function commandOf<T extends SagaCommand['type']>(decision: Decision, type: T): PayloadOf<T> {
  const found = decision.commands.find((command): command is Extract<SagaCommand, { type: T }> => command.type === type);
  if (!found) throw new Error(`no ${type} command among ${commandTypes(decision).join(', ') || 'none'}`);
  return found.payload as PayloadOf<T>;
}

/** Nothing happened: the very same state, no messages, no answers. */
export function expectNoChange(decision: Decision, before: IntentState): void {
  expect(decision.state).toBe(before);
  expect(decision.commands).toEqual([]);
  expect(decision.replies).toEqual([]);
}

/** A refusal: the state is untouched, nothing is sent, one error answers the caller. */
export function expectRefusal(decision: Decision, before: IntentState, to: Waiter): ErrorBody {
  expect(decision.state).toBe(before);
  expect(decision.commands).toEqual([]);
  expect(decision.replies.map((reply) => reply.to)).toEqual([to]);
  return onlyError(decision);
}

export const lastHistory = (state: IntentState) => state.history[state.history.length - 1];

export const releaseHold = (holdId: string = HOLD_ID): SagaCommand => ({
  type: 'ReleaseHold',
  payload: { intentId: INTENT_ID, walletId: CLIENT_WALLET, holdId },
});

/** The risk engine told how the reservation of the default parties ends: kept (commit) or given back (release). */
export const reservationEnd = (type: 'CommitReservation' | 'ReleaseReservation') => ({
  type,
  payload: { intentId: INTENT_ID, agentUserId: AGENT.userId, clientUserId: CLIENT.userId },
});

/** The client's notice of how `intent` ended (the default 10 000 XOF, fee 250), with what that outcome adds. */
export const outcomeNotice = (intent: IntentState, outcome: 'SUCCEEDED' | 'FAILED', detail: { newBalance: number } | { reason: string }) => ({
  type: 'NotifyCashOutOutcome',
  payload: {
    intentId: INTENT_ID,
    outcome,
    customerPhone: CLIENT.phone,
    preferredChannel: 'WHATSAPP',
    amount: 10_000,
    fee: 250,
    currency: 'XOF',
    referenceId: intent.referenceId,
    ...detail,
  },
});

/** Every command of a compensation once the hold (HOLD_ID) was placed, in order, the client told `reason`. */
export const compensationCommands = (intent: IntentState, reason: string) => [
  reservationEnd('ReleaseReservation'),
  { type: 'InvalidateOtp', payload: { intentId: INTENT_ID } },
  releaseHold(HOLD_ID),
  outcomeNotice(intent, 'FAILED', { reason }),
];

/** What the risk engine is asked to evaluate or reserve for the default parties and 10 000 XOF. */
export const riskCheck = (stepId: string) => ({
  intentId: INTENT_ID,
  stepId,
  client: { userId: CLIENT.userId, kycTier: 2, status: 'ACTIVE' },
  agentUserId: AGENT.userId,
  amount: 10_000,
  currency: 'XOF',
});
