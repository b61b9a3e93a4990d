import { Actor, ClientProfile, ErrorBody, IntentStatus, Message, PayloadOf } from '@cashout/shared-contracts';
import { DEFAULT_FEE_BANDS } from '../src/domain/fees';
import {
  IntentAction,
  IntentPhase,
  IntentState,
  OtpState,
  PendingStep,
  referenceIdFor,
  resolveAgentFromIntent,
  toView,
  Waiter,
} from '../src/domain/intent';
import {
  admit,
  afterHold,
  cancel,
  confirmShortcut,
  Decision,
  expire,
  holdIdFor,
  onEvaluated,
  onOtpDispatched,
  onOtpRejected,
  onOtpVerified,
  onPartiesRejected,
  onPartiesResolved,
  onPinRejected,
  onPinVerified,
  onReserved,
  onSettled,
  onSettlementFailed,
  repeatCreation,
  requestOtp,
  requestOtpCheck,
  requestPinCheck,
  SagaCommand,
  SagaConfig,
  SagaContext,
  SagaReply,
  startCreation,
} from '../src/domain/intent-saga';

// ---------------------------------------------------------------- fixtures and builders

const T0 = new Date('2026-01-15T10:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

const AGENT = { userId: 'usr-agent-0001', phone: '+2250500000001' };
const CLIENT: ClientProfile = {
  userId: 'usr-client-0001',
  phone: '+2250100000001',
  kycTier: 2,
  status: 'ACTIVE',
  preferredChannel: 'WHATSAPP',
};
const AGENT_ACTOR: Actor = { userId: AGENT.userId, role: 'AGENT' };
const OTHER_AGENT: Actor = { userId: 'usr-agent-0002', role: 'AGENT' };
const ADMIN: Actor = { userId: 'usr-admin-0001', role: 'ADMIN' };
const OPERATOR: Actor = { userId: 'usr-operator-0002', role: 'OPERATOR' };

const CONFIG: SagaConfig = {
  intentTtlSeconds: 600,
  otpMaxAttempts: 3,
  otpMaxResends: 3,
  otpResendCooldownSeconds: 30,
  fees: { bands: DEFAULT_FEE_BANDS, commissionBps: 4_000 },
  supportedCurrencies: ['XOF'],
};

/** A saga context at a fixed time, with predictable ids: id-1, id-2, ... */
function contextAt(now: Date = T0, config: Partial<SagaConfig> = {}): SagaContext {
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

let waiterCount = 0;
function aWaiter(action: IntentAction): Waiter {
  waiterCount += 1;
  return { correlationId: `corr-${waiterCount}`, causationId: `msg-${waiterCount}`, action };
}

const anOtp = (overrides: Partial<OtpState> = {}): OtpState => ({
  otpId: 'otp-1',
  channel: 'WHATSAPP',
  expiresAt: at(300).toISOString(),
  attemptsLeft: 3,
  resendsLeft: 3,
  lastSentAt: T0.toISOString(),
  ...overrides,
});

/** History as the saga would have written it on the way to `phase`. */
function historyUpTo(phase: IntentPhase): IntentState['history'] {
  const path: IntentStatus[] = ['CREATED', 'OTP_SENT', 'OTP_VERIFIED', 'PIN_VERIFIED', 'PROCESSING'];
  const index = path.indexOf(phase as IntentStatus);
  if (phase === 'DRAFT' || phase === 'REJECTED') return [];
  const steps = index >= 0 ? path.slice(0, index + 1) : ['CREATED' as const, phase as IntentStatus];
  if (phase === 'SUCCEEDED' || phase === 'FAILED') steps.splice(1, 0, 'OTP_SENT', 'OTP_VERIFIED', 'PIN_VERIFIED', 'PROCESSING');
  return steps.map((status, i) => ({ status, at: at(i).toISOString(), ...(status === 'CREATED' ? { actor: AGENT.userId } : {}) }));
}

/** An intent in the given phase, parties resolved, 10 000 XOF (fee 250, commission 100). */
function anIntent(phase: IntentPhase = 'CREATED', overrides: Partial<IntentState> = {}): IntentState {
  const afterOtp = !['DRAFT', 'REJECTED', 'CREATED'].includes(phase);
  return {
    id: 'intent-0001',
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

/** The intent waiting on `step` (id `stepId`) for the given waiters. */
function waiting(state: IntentState, step: PendingStep, stepId: string, ...waiters: Waiter[]): IntentState {
  return { ...state, pending: { step, stepId, waiters } };
}

function aCreateMessage(overrides: Partial<Message<'CreateCashOutIntent'>['payload']> = {}): Message<'CreateCashOutIntent'> {
  return {
    messageId: 'msg-create',
    type: 'CreateCashOutIntent',
    version: 1,
    occurredAt: T0.toISOString(),
    correlationId: 'corr-create',
    aggregateId: 'intent-0001',
    producer: 'gateway',
    payload: {
      intentId: 'intent-0001',
      actor: AGENT_ACTOR,
      channel: 'MOBILE_PRO',
      clientPhone: CLIENT.phone,
      amount: 10_000,
      currency: 'XOF',
      ...overrides,
    },
  };
}

// ---------------------------------------------------------------- assertion helpers

const errorsOf = (decision: Decision): Array<{ to: Waiter; error: ErrorBody }> =>
  decision.replies.flatMap((reply) => (reply.body.kind === 'error' ? [{ to: reply.to, error: reply.body.error }] : []));

const onlyError = (decision: Decision): ErrorBody => {
  expect(decision.replies).toHaveLength(1);
  const [reply] = decision.replies;
  if (reply.body.kind !== 'error') throw new Error(`expected an error reply, got ${reply.body.kind}`);
  return reply.body.error;
};

const intentReply = (reply: SagaReply) => {
  if (reply.body.kind !== 'intent') throw new Error(`expected an intent reply, got ${reply.body.kind}`);
  return reply.body.intent;
};

const commandTypes = (decision: Decision) => decision.commands.map((command) => command.type);

function commandOf<T extends SagaCommand['type']>(decision: Decision, type: T): PayloadOf<T> {
  const found = decision.commands.find((command): command is Extract<SagaCommand, { type: T }> => command.type === type);
  if (!found) throw new Error(`no ${type} command among ${commandTypes(decision).join(', ') || 'none'}`);
  return found.payload as PayloadOf<T>;
}

/** Nothing happened: the very same state, no messages, no answers, no ledger effects. */
function expectNoChange(decision: Decision, before: IntentState): void {
  expect(decision.state).toBe(before);
  expect(decision.commands).toEqual([]);
  expect(decision.replies).toEqual([]);
  expect(decision.effects).toEqual([]);
}

/** A refusal: the state is untouched, nothing is sent, one error answers the caller. */
function expectRefusal(decision: Decision, before: IntentState, to: Waiter): ErrorBody {
  expect(decision.state).toBe(before);
  expect(decision.commands).toEqual([]);
  expect(decision.effects).toEqual([]);
  expect(decision.replies.map((reply) => reply.to)).toEqual([to]);
  return onlyError(decision);
}

const lastHistory = (state: IntentState) => state.history[state.history.length - 1];

// ================================================================= creation

describe('creation', () => {
  describe('startCreation', () => {
    it('opens a DRAFT that waits for the parties and asks the customer service to resolve them', () => {
      const message = aCreateMessage({ clientQrToken: undefined });

      const decision = startCreation(message, contextAt());

      expect(decision.state).toMatchObject({
        id: 'intent-0001',
        phase: 'DRAFT',
        amount: 10_000,
        currency: 'XOF',
        channel: 'MOBILE_PRO',
        requestedBy: AGENT_ACTOR,
        pending: { step: 'RESOLVE', stepId: 'id-1', waiters: [{ correlationId: 'corr-create', causationId: 'msg-create', action: 'create' }] },
        history: [],
      });
      expect(decision.commands).toEqual([
        {
          type: 'ResolveParties',
          payload: {
            intentId: 'intent-0001',
            stepId: 'id-1',
            channel: 'MOBILE_PRO',
            actor: AGENT_ACTOR,
            agentPhone: undefined,
            clientPhone: CLIENT.phone,
            clientQrToken: undefined,
          },
        },
      ]);
      expect(decision.replies).toEqual([]);
    });

    it('sets the deadline INTENT_TTL_SECONDS after creation and a human reference', () => {
      const decision = startCreation(aCreateMessage(), contextAt(T0, { intentTtlSeconds: 90 }));

      expect(decision.state.expiresAt).toBe(at(90).toISOString());
      expect(decision.state.createdAt).toBe(T0.toISOString());
      expect(decision.state.referenceId).toBe(referenceIdFor('intent-0001', T0));
    });

    it('passes a CMMS request (agentPhone + clientPhone) and a QR token through to ResolveParties', () => {
      const cmms = startCreation(
        aCreateMessage({ channel: 'CMMS', actor: OPERATOR, agentPhone: AGENT.phone, clientPhone: CLIENT.phone }),
        contextAt(),
      );
      const qr = startCreation(aCreateMessage({ clientPhone: undefined, clientQrToken: 'qr-token' }), contextAt());

      expect(commandOf(cmms, 'ResolveParties')).toMatchObject({ channel: 'CMMS', actor: OPERATOR, agentPhone: AGENT.phone, clientPhone: CLIENT.phone });
      expect(commandOf(qr, 'ResolveParties')).toMatchObject({ clientQrToken: 'qr-token', clientPhone: undefined });
    });

    it('rejects an unsupported currency at once with VALIDATION_FAILED naming the field, asking nobody', () => {
      const decision = startCreation(aCreateMessage({ currency: 'EUR' }), contextAt());

      expect(decision.state.phase).toBe('REJECTED');
      expect(decision.state.pending).toBeUndefined();
      expect(decision.commands).toEqual([]);
      const error = onlyError(decision);
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'currency' }] });
      expect(decision.replies[0].to).toMatchObject({ correlationId: 'corr-create', action: 'create' });
      expect(decision.state.rejection).toEqual(error);
    });
  });

  describe('onPartiesResolved', () => {
    const resolving = (amount: number) => waiting(anIntent('DRAFT', { amount, agent: undefined, client: undefined, fees: 0, commission: 0 }), 'RESOLVE', 'step-resolve', aWaiter('create'));

    it.each([
      [500, 100, 40],
      [5_000, 100, 40],
      [5_001, 250, 100],
      [10_000, 250, 100],
      [20_000, 250, 100],
      [20_001, 500, 200],
      [50_000, 500, 200],
      [50_001, 1_000, 400],
      [100_000, 1_000, 400],
      [100_001, 2_000, 800],
      [300_000, 2_000, 800],
      [300_001, 5_000, 2_000],
      [1_000_000, 5_000, 2_000],
    ])('prices %i XOF at a fee of %i and a commission of %i (API.md bands, 40 % rounded down)', (amount, fee, commission) => {
      const decision = onPartiesResolved(resolving(amount), { intentId: 'intent-0001', stepId: 'step-resolve', agent: AGENT, client: CLIENT }, contextAt());

      expect(decision.state.fees).toBe(fee);
      expect(decision.state.commission).toBe(commission);
    });

    it('records the parties and asks the risk engine to evaluate, keeping the creator waiting', () => {
      const before = resolving(10_000);

      const decision = onPartiesResolved(before, { intentId: 'intent-0001', stepId: 'step-resolve', agent: AGENT, client: CLIENT }, contextAt());

      expect(decision.state).toMatchObject({ phase: 'DRAFT', agent: AGENT, client: CLIENT });
      expect(decision.state.pending).toEqual({ step: 'EVALUATE', stepId: 'id-1', waiters: before.pending?.waiters });
      expect(decision.commands).toEqual([
        {
          type: 'EvaluateCashOut',
          payload: {
            intentId: 'intent-0001',
            stepId: 'id-1',
            client: { userId: CLIENT.userId, kycTier: 2, status: 'ACTIVE' },
            agentUserId: AGENT.userId,
            amount: 10_000,
            currency: 'XOF',
          },
        },
      ]);
      expect(decision.replies).toEqual([]);
    });

    it('charges nothing for an amount outside every band (creation is then refused after evaluation)', () => {
      const decision = onPartiesResolved(resolving(100), { intentId: 'intent-0001', stepId: 'step-resolve', agent: AGENT, client: CLIENT }, contextAt());

      expect(decision.state).toMatchObject({ fees: 0, commission: 0 });
    });
  });

  describe('onPartiesRejected', () => {
    it('rejects the intent with the customer service error and answers every waiting creator', () => {
      const first = aWaiter('create');
      const retry = aWaiter('create');
      const before = waiting(anIntent('DRAFT', { agent: undefined, client: undefined }), 'RESOLVE', 'step-resolve', first, retry);
      const refusal: ErrorBody = { code: 'FORBIDDEN', message: 'an agent cannot act as another agent' };

      const decision = onPartiesRejected(before, { intentId: 'intent-0001', stepId: 'step-resolve', error: refusal });

      expect(decision.state).toMatchObject({ phase: 'REJECTED', rejection: refusal, pending: undefined });
      expect(errorsOf(decision)).toEqual([
        { to: first, error: refusal },
        { to: retry, error: refusal },
      ]);
      expect(decision.commands).toEqual([]);
    });

    it('passes a NOT_FOUND client through unchanged', () => {
      const before = waiting(anIntent('DRAFT', { agent: undefined, client: undefined }), 'RESOLVE', 'step-resolve', aWaiter('create'));
      const refusal: ErrorBody = { code: 'NOT_FOUND', message: 'no customer with phone +2250100000009' };

      const decision = onPartiesRejected(before, { intentId: 'intent-0001', stepId: 'step-resolve', error: refusal });

      expect(onlyError(decision)).toEqual(refusal);
    });
  });

  describe('onEvaluated', () => {
    const evaluating = (overrides: Partial<IntentState> = {}, ...waiters: Waiter[]) =>
      waiting(anIntent('DRAFT', overrides), 'EVALUATE', 'step-eval', ...(waiters.length ? waiters : [aWaiter('create')]));

    it('rejects with RISK_DENIED listing the reasons when the risk engine says no', () => {
      const before = evaluating();

      const decision = onEvaluated(before, { intentId: 'intent-0001', stepId: 'step-eval', approved: false, reasons: ['DAILY_LIMIT', 'CLIENT_SUSPENDED'] }, contextAt());

      expect(decision.state).toMatchObject({ phase: 'REJECTED', pending: undefined });
      const error = onlyError(decision);
      expect(error.code).toBe('RISK_DENIED');
      expect(error.details).toEqual({ reasons: ['DAILY_LIMIT', 'CLIENT_SUSPENDED'] });
      expect(error.message).toContain('DAILY_LIMIT, CLIENT_SUSPENDED');
      expect(decision.state.rejection).toEqual(error);
    });

    it('creates the intent when approved: CREATED in history with the creator, every waiter answered with it', () => {
      const first = aWaiter('create');
      const retry = aWaiter('create');
      const before = evaluating({ history: [] }, first, retry);

      const decision = onEvaluated(before, { intentId: 'intent-0001', stepId: 'step-eval', approved: true, reasons: [] }, contextAt(at(2)));

      expect(decision.state).toMatchObject({ phase: 'CREATED', pending: undefined, updatedAt: at(2).toISOString() });
      expect(decision.state.history).toEqual([{ status: 'CREATED', at: at(2).toISOString(), actor: AGENT.userId }]);
      expect(decision.replies.map((reply) => reply.to)).toEqual([first, retry]);
      expect(intentReply(decision.replies[0])).toMatchObject({
        status: 'CREATED',
        amount: 10_000,
        fees: 250,
        totalDebit: 10_250,
        commission: 100,
        initiatorUserId: AGENT.userId,
        createdBy: AGENT.userId,
      });
      expect(decision.commands).toEqual([]);
    });

    it('records who created an intent on behalf of an agent (CMMS)', () => {
      const before = evaluating({ history: [], requestedBy: OPERATOR, channel: 'CMMS' });

      const decision = onEvaluated(before, { intentId: 'intent-0001', stepId: 'step-eval', approved: true, reasons: [] }, contextAt());

      expect(decision.state.history).toEqual([{ status: 'CREATED', at: T0.toISOString(), actor: OPERATOR.userId }]);
      expect(intentReply(decision.replies[0])).toMatchObject({ initiatorUserId: AGENT.userId, createdBy: OPERATOR.userId });
    });

    it('rejects with VALIDATION_FAILED on the amount when no fee band covers it', () => {
      const before = evaluating({ amount: 2_000_000, fees: 0, commission: 0 });

      const decision = onEvaluated(before, { intentId: 'intent-0001', stepId: 'step-eval', approved: true, reasons: [] }, contextAt());

      expect(decision.state.phase).toBe('REJECTED');
      expect(onlyError(decision)).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'amount' }] });
    });
  });

  describe('repeatCreation (a redelivered or retried create)', () => {
    it('joins a new request to the creation still in progress', () => {
      const first = aWaiter('create');
      const before = waiting(anIntent('DRAFT'), 'EVALUATE', 'step-eval', first);

      const decision = repeatCreation(before, aCreateMessage());

      expect(decision.state.pending?.waiters).toEqual([first, { correlationId: 'corr-create', causationId: 'msg-create', action: 'create' }]);
      expect(decision.replies).toEqual([]);
      expect(decision.commands).toEqual([]);
    });

    it('does not add the same request twice', () => {
      const before = waiting(anIntent('DRAFT'), 'RESOLVE', 'step-resolve', { correlationId: 'corr-create', causationId: 'msg-create', action: 'create' });

      expectNoChange(repeatCreation(before, aCreateMessage()), before);
    });

    it('answers the same refusal again for a rejected creation', () => {
      const rejection: ErrorBody = { code: 'RISK_DENIED', message: 'no', details: { reasons: ['X'] } };
      const before = anIntent('REJECTED', { rejection });

      const decision = repeatCreation(before, aCreateMessage());

      expect(decision.state).toBe(before);
      expect(onlyError(decision)).toEqual(rejection);
    });

    it('answers with the intent as it stands once created, sending nothing again', () => {
      const before = anIntent('OTP_SENT');

      const decision = repeatCreation(before, aCreateMessage());

      expect(decision.state).toBe(before);
      expect(decision.commands).toEqual([]);
      expect(intentReply(decision.replies[0]).status).toBe('OTP_SENT');
    });
  });
});

// ================================================================= stale and duplicate answers

describe('stale or duplicate answers change nothing', () => {
  const STALE = 'an-old-step-id';
  const cases: Array<[string, IntentState, (state: IntentState) => Decision]> = [
    [
      'PartiesResolved',
      waiting(anIntent('DRAFT'), 'RESOLVE', 'current', aWaiter('create')),
      (state) => onPartiesResolved(state, { intentId: state.id, stepId: STALE, agent: AGENT, client: CLIENT }, contextAt()),
    ],
    [
      'PartiesRejected',
      waiting(anIntent('DRAFT'), 'RESOLVE', 'current', aWaiter('create')),
      (state) => onPartiesRejected(state, { intentId: state.id, stepId: STALE, error: { code: 'NOT_FOUND', message: 'x' } }),
    ],
    [
      'CashOutEvaluated',
      waiting(anIntent('DRAFT'), 'EVALUATE', 'current', aWaiter('create')),
      (state) => onEvaluated(state, { intentId: state.id, stepId: STALE, approved: true, reasons: [] }, contextAt()),
    ],
    [
      'OtpDispatched',
      waiting(anIntent('CREATED'), 'ISSUE_OTP', 'current', aWaiter('send-otp')),
      (state) => onOtpDispatched(state, { intentId: state.id, otpId: STALE, channel: 'SMS', status: 'SENT', expiresAt: at(300).toISOString() }, contextAt()),
    ],
    [
      'OtpVerified',
      waiting(anIntent('OTP_SENT'), 'VERIFY_OTP', 'current', aWaiter('verify-otp')),
      (state) => onOtpVerified(state, { intentId: state.id, stepId: STALE }, contextAt()),
    ],
    [
      'OtpRejected',
      waiting(anIntent('OTP_SENT'), 'VERIFY_OTP', 'current', aWaiter('verify-otp')),
      (state) => onOtpRejected(state, { intentId: state.id, stepId: STALE, reason: 'NO_ATTEMPTS_LEFT', attemptsLeft: 0 }, contextAt()),
    ],
    [
      'PinVerified',
      waiting(anIntent('OTP_VERIFIED'), 'VERIFY_PIN', 'current', aWaiter('verify-pin')),
      (state) => onPinVerified(state, { intentId: state.id, stepId: STALE }, contextAt()),
    ],
    [
      'PinRejected',
      waiting(anIntent('OTP_VERIFIED'), 'VERIFY_PIN', 'current', aWaiter('verify-pin')),
      (state) => onPinRejected(state, { intentId: state.id, stepId: STALE, reason: 'LOCKED', attemptsLeft: 0 }, contextAt()),
    ],
    [
      'CashOutReserved',
      waiting(anIntent('PIN_VERIFIED', { holdId: holdIdFor('intent-0001') }), 'RESERVE', 'current', aWaiter('confirm')),
      (state) => onReserved(state, { intentId: state.id, stepId: STALE, approved: true, reasons: [] }, contextAt()),
    ],
  ];

  it.each(cases)('ignores a %s answering a step id the saga no longer waits for', (_name, before, answer) => {
    expectNoChange(answer(before), before);
  });

  it.each(cases)('ignores a %s when the saga waits for nothing', (_name, waitingState, answer) => {
    const before: IntentState = { ...waitingState, pending: undefined };
    expectNoChange(answer(before), before);
  });

  it('ignores an answer carrying the right id for another kind of step', () => {
    const before = waiting(anIntent('OTP_SENT'), 'VERIFY_OTP', 'same-id', aWaiter('verify-otp'));

    expectNoChange(onPinVerified(before, { intentId: before.id, stepId: 'same-id' }, contextAt()), before);
  });

  it('applies an answer once: the same OtpVerified again changes nothing', () => {
    const before = waiting(anIntent('OTP_SENT'), 'VERIFY_OTP', 'step-otp', aWaiter('verify-otp'));
    const once = onOtpVerified(before, { intentId: before.id, stepId: 'step-otp' }, contextAt());

    expectNoChange(onOtpVerified(once.state, { intentId: before.id, stepId: 'step-otp' }, contextAt(at(1))), once.state);
  });

  it('applies a reservation once: the same CashOutReserved again neither settles nor answers', () => {
    const before = waiting(anIntent('PIN_VERIFIED', { holdId: holdIdFor('intent-0001') }), 'RESERVE', 'step-reserve', aWaiter('confirm'));
    const once = onReserved(before, { intentId: before.id, stepId: 'step-reserve', approved: true, reasons: [] }, contextAt());

    expectNoChange(onReserved(once.state, { intentId: before.id, stepId: 'step-reserve', approved: true, reasons: [] }, contextAt()), once.state);
  });

  it('records a settlement once: onSettled on a SUCCEEDED intent changes nothing', () => {
    const before = anIntent('SUCCEEDED');

    expectNoChange(onSettled(before, { transactionId: 'cashout-other', clientBalance: 1 }, contextAt()), before);
  });

  it.each(['SUCCEEDED', 'PIN_VERIFIED', 'EXPIRED'] as const)('ignores a settlement failure on a %s intent', (phase) => {
    const before = anIntent(phase);

    expectNoChange(onSettlementFailed(before, 'late failure', contextAt()), before);
  });
});

// ================================================================= admit (authorization and the state machine)

describe('admit', () => {
  describe('resolveAgentFromIntent', () => {
    it('refuses another agent with FORBIDDEN and changes nothing', () => {
      const before = anIntent('CREATED');
      const to = aWaiter('send-otp');

      const gate = admit(before, OTHER_AGENT, 'send-otp', to);

      if (gate.ok) throw new Error('another agent was admitted');
      expect(expectRefusal(gate.decision, before, to).code).toBe('FORBIDDEN');
    });

    it.each([
      ['the intent agent', AGENT_ACTOR],
      ['an admin', ADMIN],
      ['an operator', OPERATOR],
    ])('admits %s', (_who, actor) => {
      expect(admit(anIntent('CREATED'), actor, 'send-otp', aWaiter('send-otp'))).toEqual({ ok: true });
    });

    it('refuses a CLIENT, even the intent client', () => {
      const before = anIntent('CREATED');
      const to = aWaiter('cancel');

      const gate = admit(before, { userId: CLIENT.userId, role: 'CLIENT' }, 'cancel', to);

      if (gate.ok) throw new Error('a client was admitted');
      expect(expectRefusal(gate.decision, before, to).code).toBe('FORBIDDEN');
    });

    it('refuses an agent whose role is not AGENT even with the right user id', () => {
      const gate = admit(anIntent('CREATED'), { userId: AGENT.userId, role: 'CLIENT' }, 'send-otp', aWaiter('send-otp'));

      expect(gate.ok).toBe(false);
    });

    it('answers NOT_FOUND while the parties are not resolved (the intent is not public yet)', () => {
      const before = waiting(anIntent('DRAFT', { agent: undefined, client: undefined }), 'RESOLVE', 'step-resolve', aWaiter('create'));
      const to = aWaiter('send-otp');

      const gate = admit(before, ADMIN, 'send-otp', to);

      if (gate.ok) throw new Error('admitted on a draft');
      expect(expectRefusal(gate.decision, before, to).code).toBe('NOT_FOUND');
    });

    it('resolves the agent for admin/operator and checks the caller otherwise', () => {
      const intent = anIntent('CREATED');

      expect(resolveAgentFromIntent(intent, ADMIN)).toEqual({ agentUserId: AGENT.userId });
      expect(resolveAgentFromIntent(intent, OPERATOR)).toEqual({ agentUserId: AGENT.userId });
      expect(resolveAgentFromIntent(intent, AGENT_ACTOR)).toEqual({ agentUserId: AGENT.userId });
      expect(resolveAgentFromIntent(intent, OTHER_AGENT)).toMatchObject({ code: 'FORBIDDEN' });
    });
  });

  describe('the state machine of DESIGN.md §3', () => {
    type Action = Exclude<IntentAction, 'create'>;
    const ACTIONS: Action[] = ['send-otp', 'verify-otp', 'verify-pin', 'confirm', 'cancel'];
    const PHASES: IntentPhase[] = [
      'DRAFT',
      'CREATED',
      'OTP_SENT',
      'OTP_VERIFIED',
      'PIN_VERIFIED',
      'PROCESSING',
      'SUCCEEDED',
      'FAILED',
      'CANCELED',
      'EXPIRED',
      'REJECTED',
    ];
    /** Straight from the diagram: send-otp (and resend), verify-otp, verify-pin, confirm, cancel. */
    const DESIGN_ALLOWS: Record<Action, IntentPhase[]> = {
      'send-otp': ['CREATED', 'OTP_SENT'],
      'verify-otp': ['OTP_SENT'],
      'verify-pin': ['OTP_VERIFIED'],
      confirm: ['PIN_VERIFIED'],
      cancel: ['CREATED', 'OTP_SENT', 'OTP_VERIFIED'],
    };
    /** API.md: confirm is idempotent; on SUCCEEDED (200) or PROCESSING (202) it answers with the intent. */
    const ANSWERS_WITH_INTENT: Array<[Action, IntentPhase]> = [
      ['confirm', 'SUCCEEDED'],
      ['confirm', 'PROCESSING'],
    ];

    const pairs = PHASES.flatMap((phase) => ACTIONS.map((action) => [phase, action] as [IntentPhase, Action]));
    const isIn = (list: Array<[Action, IntentPhase]>, phase: IntentPhase, action: Action) =>
      list.some(([a, p]) => a === action && p === phase);
    const allowed = pairs.filter(([phase, action]) => DESIGN_ALLOWS[action].includes(phase));
    const answered = pairs.filter(([phase, action]) => isIn(ANSWERS_WITH_INTENT, phase, action));
    const refused = pairs.filter(
      ([phase, action]) => !DESIGN_ALLOWS[action].includes(phase) && !isIn(ANSWERS_WITH_INTENT, phase, action),
    );

    it('covers every (phase, action) pair', () => {
      expect(allowed.length + answered.length + refused.length).toBe(PHASES.length * ACTIONS.length);
    });

    it.each(allowed)('admits %s → %s', (phase, action) => {
      expect(admit(anIntent(phase), AGENT_ACTOR, action, aWaiter(action))).toEqual({ ok: true });
    });

    it.each(refused)('refuses %s → %s with INVALID_STATE naming the current status', (phase, action) => {
      const before = anIntent(phase);
      const to = aWaiter(action);

      const gate = admit(before, AGENT_ACTOR, action, to);

      if (gate.ok) throw new Error(`${action} was admitted from ${phase}`);
      const error = expectRefusal(gate.decision, before, to);
      expect(error.code).toBe('INVALID_STATE');
      expect(error.details).toEqual({ status: phase, action });
      expect(error.message).toContain(phase);
    });

    it.each(answered)('answers %s → %s with the intent, unchanged, starting nothing', (phase, action) => {
      const before = anIntent(phase);
      const to = aWaiter(action);

      const gate = admit(before, AGENT_ACTOR, action, to);

      if (gate.ok) throw new Error(`${action} was admitted from ${phase}`);
      expect(gate.decision.state).toBe(before);
      expect(gate.decision.commands).toEqual([]);
      expect(gate.decision.effects).toEqual([]);
      expect(gate.decision.replies).toHaveLength(1);
      expect(intentReply(gate.decision.replies[0])).toEqual(toView(before));
    });
  });

  describe('requests arriving while a step is in progress', () => {
    it('joins the same action to the waiters: one check, every caller answered', () => {
      const first = aWaiter('verify-otp');
      const again = aWaiter('verify-otp');
      const before = waiting(anIntent('OTP_SENT'), 'VERIFY_OTP', 'step-otp', first);

      const gate = admit(before, AGENT_ACTOR, 'verify-otp', again);

      if (gate.ok) throw new Error('a second check was started');
      expect(gate.decision.state.pending).toEqual({ step: 'VERIFY_OTP', stepId: 'step-otp', waiters: [first, again] });
      expect(gate.decision.state.phase).toBe('OTP_SENT');
      expect(gate.decision.commands).toEqual([]);
      expect(gate.decision.replies).toEqual([]);
    });

    it('joins a confirm to a settlement in progress (PROCESSING)', () => {
      const first = aWaiter('confirm');
      const again = aWaiter('confirm');
      const before = waiting(anIntent('PROCESSING'), 'SETTLE', 'step-settle', first);

      const gate = admit(before, ADMIN, 'confirm', again);

      if (gate.ok) throw new Error('a second settlement was started');
      expect(gate.decision.state.pending?.waiters).toEqual([first, again]);
      expect(gate.decision.commands).toEqual([]);
      expect(gate.decision.effects).toEqual([]);
    });

    it('joins a confirm to a reservation in progress, so the funds are held once', () => {
      const first = aWaiter('confirm');
      const before = waiting(anIntent('PIN_VERIFIED', { holdId: holdIdFor('intent-0001') }), 'RESERVE', 'step-reserve', first);

      const gate = admit(before, AGENT_ACTOR, 'confirm', aWaiter('confirm'));

      if (gate.ok) throw new Error('a second hold would be placed');
      expect(gate.decision.state.pending?.waiters).toHaveLength(2);
    });

    it('refuses another action with INVALID_STATE naming the status and the step', () => {
      const before = waiting(anIntent('OTP_SENT'), 'VERIFY_OTP', 'step-otp', aWaiter('verify-otp'));
      const to = aWaiter('send-otp');

      const gate = admit(before, AGENT_ACTOR, 'send-otp', to);

      if (gate.ok) throw new Error('a resend started during a check');
      const error = expectRefusal(gate.decision, before, to);
      expect(error).toMatchObject({ code: 'INVALID_STATE', details: { status: 'OTP_SENT', action: 'send-otp' } });
      expect(error.message).toContain('VERIFY_OTP');
    });

    it('lets a cancel through while a step is in progress in a cancelable status', () => {
      const before = waiting(anIntent('OTP_VERIFIED'), 'VERIFY_PIN', 'step-pin', aWaiter('verify-pin'));

      expect(admit(before, AGENT_ACTOR, 'cancel', aWaiter('cancel'))).toEqual({ ok: true });
    });

    it('refuses a cancel during the reservation (PIN_VERIFIED is not cancelable)', () => {
      const before = waiting(anIntent('PIN_VERIFIED', { holdId: holdIdFor('intent-0001') }), 'RESERVE', 'step-reserve', aWaiter('confirm'));
      const to = aWaiter('cancel');

      const gate = admit(before, AGENT_ACTOR, 'cancel', to);

      if (gate.ok) throw new Error('canceled during reservation');
      expect(expectRefusal(gate.decision, before, to)).toMatchObject({ code: 'INVALID_STATE', details: { status: 'PIN_VERIFIED' } });
    });
  });
});

// ================================================================= send-otp and resend

describe('send-otp', () => {
  it('first send: asks auth to issue an OTP for the client and waits, still CREATED', () => {
    const before = anIntent('CREATED');
    const to = aWaiter('send-otp');

    const decision = requestOtp(before, to, contextAt());

    expect(decision.state.phase).toBe('CREATED');
    expect(decision.state.pending).toEqual({ step: 'ISSUE_OTP', stepId: 'id-1', waiters: [to] });
    expect(decision.commands).toEqual([
      {
        type: 'IssueOtp',
        payload: { intentId: 'intent-0001', otpId: 'id-1', clientUserId: CLIENT.userId, clientPhone: CLIENT.phone, preferredChannel: 'WHATSAPP' },
      },
    ]);
    expect(decision.replies).toEqual([]);
  });

  it('OtpDispatched SENT: OTP_SENT with full attempts and resends, history appended, caller answered', () => {
    const to = aWaiter('send-otp');
    const before = waiting(anIntent('CREATED'), 'ISSUE_OTP', 'otp-9', to);

    const decision = onOtpDispatched(
      before,
      { intentId: 'intent-0001', otpId: 'otp-9', channel: 'WHATSAPP', status: 'SENT', expiresAt: at(305).toISOString() },
      contextAt(at(5)),
    );

    expect(decision.state.phase).toBe('OTP_SENT');
    expect(decision.state.pending).toBeUndefined();
    expect(decision.state.otp).toEqual({
      otpId: 'otp-9',
      channel: 'WHATSAPP',
      expiresAt: at(305).toISOString(),
      attemptsLeft: 3,
      resendsLeft: 3,
      lastSentAt: at(5).toISOString(),
    });
    expect(decision.state.history).toEqual([...before.history, { status: 'OTP_SENT', at: at(5).toISOString() }]);
    expect(decision.replies.map((reply) => reply.to)).toEqual([to]);
    expect(intentReply(decision.replies[0]).otp).toEqual({ channel: 'WHATSAPP', expiresAt: at(305).toISOString(), attemptsLeft: 3, resendsLeft: 3 });
  });

  it('OtpDispatched FAILED: OTP_DELIVERY_FAILED, the status stays, the step ends', () => {
    const to = aWaiter('send-otp');
    const before = waiting(anIntent('CREATED'), 'ISSUE_OTP', 'otp-9', to);

    const decision = onOtpDispatched(
      before,
      { intentId: 'intent-0001', otpId: 'otp-9', channel: 'SMS', status: 'FAILED', expiresAt: at(300).toISOString() },
      contextAt(),
    );

    expect(decision.state).toMatchObject({ phase: 'CREATED', pending: undefined, history: before.history, otp: undefined });
    expect(errorsOf(decision)).toEqual([{ to, error: expect.objectContaining({ code: 'OTP_DELIVERY_FAILED' }) }]);
  });

  it('resend after the cooldown: a new OTP, one resend fewer, fresh attempts, history says re-sent', () => {
    const before = anIntent('OTP_SENT', { otp: anOtp({ attemptsLeft: 1, resendsLeft: 3, lastSentAt: T0.toISOString() }) });
    const to = aWaiter('send-otp');

    const requested = requestOtp(before, to, contextAt(at(30)));
    expect(commandOf(requested, 'IssueOtp').otpId).toBe('id-1');

    const decision = onOtpDispatched(
      requested.state,
      { intentId: 'intent-0001', otpId: 'id-1', channel: 'WHATSAPP', status: 'SENT', expiresAt: at(330).toISOString() },
      contextAt(at(31)),
    );

    expect(decision.state.phase).toBe('OTP_SENT');
    expect(decision.state.otp).toMatchObject({ otpId: 'id-1', resendsLeft: 2, attemptsLeft: 3, lastSentAt: at(31).toISOString() });
    expect(lastHistory(decision.state)).toEqual({ status: 'OTP_SENT', at: at(31).toISOString(), reason: 'OTP re-sent' });
    expect(decision.state.history).toHaveLength(before.history.length + 1);
  });

  it('allows exactly OTP_MAX_RESENDS resends, then OTP_RESEND_LIMIT', () => {
    let state = anIntent('CREATED');
    let now = 0;
    const send = () => {
      const requested = requestOtp(state, aWaiter('send-otp'), contextAt(at(now)));
      const otpId = requested.state.pending?.stepId;
      if (!otpId) return requested;
      const dispatched = onOtpDispatched(
        requested.state,
        { intentId: state.id, otpId, channel: 'WHATSAPP', status: 'SENT', expiresAt: at(now + 300).toISOString() },
        contextAt(at(now)),
      );
      state = dispatched.state;
      now += 31;
      return dispatched;
    };

    send();
    const resendsLeft = [1, 2, 3].map(() => {
      send();
      return state.otp?.resendsLeft;
    });
    const refused = send();

    expect(resendsLeft).toEqual([2, 1, 0]);
    expect(onlyError(refused)).toMatchObject({ code: 'OTP_RESEND_LIMIT', details: { resendsLeft: 0 } });
  });

  it('refuses a resend when none is left with OTP_RESEND_LIMIT, sending nothing', () => {
    const before = anIntent('OTP_SENT', { otp: anOtp({ resendsLeft: 0, lastSentAt: T0.toISOString() }) });
    const to = aWaiter('send-otp');

    const decision = requestOtp(before, to, contextAt(at(3_000)));

    expect(expectRefusal(decision, before, to).code).toBe('OTP_RESEND_LIMIT');
  });

  it('refuses a resend within the cooldown with OTP_RESEND_TOO_SOON and the seconds to wait', () => {
    const before = anIntent('OTP_SENT', { otp: anOtp({ lastSentAt: T0.toISOString() }) });
    const to = aWaiter('send-otp');

    const decision = requestOtp(before, to, contextAt(at(10)));

    expect(expectRefusal(decision, before, to)).toMatchObject({ code: 'OTP_RESEND_TOO_SOON', details: { retryAfterSeconds: 20 } });
  });

  it('rounds the wait up to whole seconds', () => {
    const before = anIntent('OTP_SENT', { otp: anOtp({ lastSentAt: T0.toISOString() }) });

    const decision = requestOtp(before, aWaiter('send-otp'), contextAt(new Date(T0.getTime() + 29_500)));

    expect(onlyError(decision)).toMatchObject({ code: 'OTP_RESEND_TOO_SOON', details: { retryAfterSeconds: 1 } });
  });

  it('allows the resend exactly when the cooldown ends', () => {
    const before = anIntent('OTP_SENT', { otp: anOtp({ lastSentAt: T0.toISOString() }) });

    const decision = requestOtp(before, aWaiter('send-otp'), contextAt(at(30)));

    expect(commandTypes(decision)).toEqual(['IssueOtp']);
  });

  it('uses the configured cooldown', () => {
    const before = anIntent('OTP_SENT', { otp: anOtp({ lastSentAt: T0.toISOString() }) });

    expect(commandTypes(requestOtp(before, aWaiter('send-otp'), contextAt(at(5), { otpResendCooldownSeconds: 5 })))).toEqual(['IssueOtp']);
    expect(onlyError(requestOtp(before, aWaiter('send-otp'), contextAt(at(5), { otpResendCooldownSeconds: 60 })))).toMatchObject({
      details: { retryAfterSeconds: 55 },
    });
  });
});

// ================================================================= verify-otp

describe('verify-otp', () => {
  const checking = (otp: Partial<OtpState> = {}, ...waiters: Waiter[]) =>
    waiting(anIntent('OTP_SENT', { otp: anOtp(otp) }), 'VERIFY_OTP', 'step-otp', ...(waiters.length ? waiters : [aWaiter('verify-otp')]));

  it('asks auth to verify the sealed OTP against the current OTP id', () => {
    const before = anIntent('OTP_SENT');
    const to = aWaiter('verify-otp');

    const decision = requestOtpCheck(before, 'sealed-otp', to, contextAt(at(10)));

    expect(decision.state.pending).toEqual({ step: 'VERIFY_OTP', stepId: 'id-1', waiters: [to] });
    expect(decision.commands).toEqual([{ type: 'VerifyOtp', payload: { intentId: 'intent-0001', stepId: 'id-1', otpId: 'otp-1', sealedOtp: 'sealed-otp' } }]);
  });

  it('refuses a check when no attempts are left, without asking auth', () => {
    const before = anIntent('OTP_SENT', { otp: anOtp({ attemptsLeft: 0, resendsLeft: 2 }) });
    const to = aWaiter('verify-otp');

    expect(expectRefusal(requestOtpCheck(before, 'sealed', to, contextAt()), before, to)).toMatchObject({
      code: 'OTP_INVALID',
      details: { attemptsLeft: 0, resendsLeft: 2 },
    });
  });

  it('refuses a check of an expired OTP with OTP_EXPIRED', () => {
    const before = anIntent('OTP_SENT', { otp: anOtp({ expiresAt: at(300).toISOString() }) });
    const to = aWaiter('verify-otp');

    expect(expectRefusal(requestOtpCheck(before, 'sealed', to, contextAt(at(300))), before, to).code).toBe('OTP_EXPIRED');
  });

  it('OtpVerified: OTP_VERIFIED, history appended, every waiter answered', () => {
    const first = aWaiter('verify-otp');
    const again = aWaiter('verify-otp');
    const before = checking({}, first, again);

    const decision = onOtpVerified(before, { intentId: 'intent-0001', stepId: 'step-otp' }, contextAt(at(40)));

    expect(decision.state).toMatchObject({ phase: 'OTP_VERIFIED', pending: undefined });
    expect(decision.state.history).toEqual([...before.history, { status: 'OTP_VERIFIED', at: at(40).toISOString() }]);
    expect(decision.replies.map((reply) => [reply.to, intentReply(reply).status])).toEqual([
      [first, 'OTP_VERIFIED'],
      [again, 'OTP_VERIFIED'],
    ]);
  });

  it('OtpRejected INVALID: OTP_INVALID with the attempts left, still OTP_SENT', () => {
    const to = aWaiter('verify-otp');
    const before = checking({ attemptsLeft: 3, resendsLeft: 3 }, to);

    const decision = onOtpRejected(before, { intentId: 'intent-0001', stepId: 'step-otp', reason: 'INVALID', attemptsLeft: 2 }, contextAt());

    expect(decision.state).toMatchObject({ phase: 'OTP_SENT', pending: undefined, otp: { attemptsLeft: 2, resendsLeft: 3 } });
    expect(decision.state.history).toEqual(before.history);
    expect(errorsOf(decision)).toEqual([{ to, error: expect.objectContaining({ code: 'OTP_INVALID', details: { attemptsLeft: 2, resendsLeft: 3 } }) }]);
    expect(decision.commands).toEqual([]);
  });

  it.each([
    ['the last try fails', 'INVALID' as const],
    ['auth says no attempts are left', 'NO_ATTEMPTS_LEFT' as const],
  ])('tries exhausted with resends left (%s): OTP_INVALID attemptsLeft 0, still OTP_SENT', (_case, reason) => {
    const before = checking({ attemptsLeft: 1, resendsLeft: 1 });

    const decision = onOtpRejected(before, { intentId: 'intent-0001', stepId: 'step-otp', reason, attemptsLeft: 0 }, contextAt());

    expect(decision.state).toMatchObject({ phase: 'OTP_SENT', pending: undefined, otp: { attemptsLeft: 0, resendsLeft: 1 } });
    expect(onlyError(decision)).toMatchObject({ code: 'OTP_INVALID', details: { attemptsLeft: 0, resendsLeft: 1 } });
    expect(decision.commands).toEqual([]);
    expect(decision.state.history).toEqual(before.history);
  });

  it('tries and resends exhausted: CANCELED (OTP_ATTEMPTS_EXHAUSTED), the OTP invalidated', () => {
    const to = aWaiter('verify-otp');
    const before = checking({ attemptsLeft: 1, resendsLeft: 0 }, to);

    const decision = onOtpRejected(before, { intentId: 'intent-0001', stepId: 'step-otp', reason: 'INVALID', attemptsLeft: 0 }, contextAt(at(50)));

    expect(decision.state).toMatchObject({ phase: 'CANCELED', pending: undefined, failureReason: 'OTP_ATTEMPTS_EXHAUSTED' });
    expect(decision.state.history).toEqual([...before.history, { status: 'CANCELED', at: at(50).toISOString(), reason: 'OTP_ATTEMPTS_EXHAUSTED' }]);
    expect(decision.commands).toEqual([{ type: 'InvalidateOtp', payload: { intentId: 'intent-0001' } }]);
    expect(errorsOf(decision)).toEqual([
      { to, error: expect.objectContaining({ code: 'OTP_INVALID', details: { attemptsLeft: 0, resendsLeft: 0, status: 'CANCELED' } }) },
    ]);
  });

  it.each(['EXPIRED', 'NOT_FOUND'] as const)('OtpRejected %s: OTP_EXPIRED, still OTP_SENT, attempts kept', (reason) => {
    const before = checking({ attemptsLeft: 2 });

    const decision = onOtpRejected(before, { intentId: 'intent-0001', stepId: 'step-otp', reason, attemptsLeft: 0 }, contextAt());

    expect(decision.state).toMatchObject({ phase: 'OTP_SENT', pending: undefined, otp: { attemptsLeft: 2 } });
    expect(onlyError(decision).code).toBe('OTP_EXPIRED');
  });
});

// ================================================================= verify-pin

describe('verify-pin', () => {
  const checking = (...waiters: Waiter[]) =>
    waiting(anIntent('OTP_VERIFIED'), 'VERIFY_PIN', 'step-pin', ...(waiters.length ? waiters : [aWaiter('verify-pin')]));

  it('asks auth to verify the sealed PIN of the intent agent, with the token when given', () => {
    const to = aWaiter('verify-pin');

    const decision = requestPinCheck(anIntent('OTP_VERIFIED'), { sealedPin: 'sealed-pin', sealedToken: 'sealed-token' }, to, contextAt());

    expect(decision.state.pending).toEqual({ step: 'VERIFY_PIN', stepId: 'id-1', waiters: [to] });
    expect(decision.commands).toEqual([
      { type: 'VerifyPin', payload: { intentId: 'intent-0001', stepId: 'id-1', agentUserId: AGENT.userId, sealedPin: 'sealed-pin', sealedToken: 'sealed-token' } },
    ]);
  });

  it('PinVerified: PIN_VERIFIED, history appended, caller answered', () => {
    const to = aWaiter('verify-pin');
    const before = checking(to);

    const decision = onPinVerified(before, { intentId: 'intent-0001', stepId: 'step-pin' }, contextAt(at(60)));

    expect(decision.state).toMatchObject({ phase: 'PIN_VERIFIED', pending: undefined });
    expect(lastHistory(decision.state)).toEqual({ status: 'PIN_VERIFIED', at: at(60).toISOString() });
    expect(decision.replies.map((reply) => [reply.to, intentReply(reply).status])).toEqual([[to, 'PIN_VERIFIED']]);
  });

  it('PinRejected INVALID: PIN_INVALID with the attempts left, still OTP_VERIFIED', () => {
    const before = checking();

    const decision = onPinRejected(before, { intentId: 'intent-0001', stepId: 'step-pin', reason: 'INVALID', attemptsLeft: 1 }, contextAt());

    expect(decision.state).toMatchObject({ phase: 'OTP_VERIFIED', pending: undefined, history: before.history });
    expect(onlyError(decision)).toMatchObject({ code: 'PIN_INVALID', details: { attemptsLeft: 1 } });
    expect(decision.commands).toEqual([]);
  });

  it('PinRejected LOCKED: CANCELED (PIN_LOCKED), the OTP invalidated, PIN_LOCKED answered', () => {
    const to = aWaiter('verify-pin');
    const before = checking(to);

    const decision = onPinRejected(before, { intentId: 'intent-0001', stepId: 'step-pin', reason: 'LOCKED', attemptsLeft: 0 }, contextAt(at(70)));

    expect(decision.state).toMatchObject({ phase: 'CANCELED', pending: undefined, failureReason: 'PIN_LOCKED' });
    expect(lastHistory(decision.state)).toEqual({ status: 'CANCELED', at: at(70).toISOString(), reason: 'PIN_LOCKED' });
    expect(decision.commands).toEqual([{ type: 'InvalidateOtp', payload: { intentId: 'intent-0001' } }]);
    expect(errorsOf(decision)).toEqual([{ to, error: expect.objectContaining({ code: 'PIN_LOCKED', details: expect.objectContaining({ status: 'CANCELED' }) }) }]);
  });

  it("PinRejected TOKEN_INVALID: FORBIDDEN (the token is not this intent's agent's), status unchanged", () => {
    const before = checking();

    const decision = onPinRejected(before, { intentId: 'intent-0001', stepId: 'step-pin', reason: 'TOKEN_INVALID', attemptsLeft: 3 }, contextAt());

    expect(decision.state.phase).toBe('OTP_VERIFIED');
    expect(onlyError(decision).code).toBe('FORBIDDEN');
  });
});

// ================================================================= confirm and settlement

describe('confirm', () => {
  const HOLD = holdIdFor('intent-0001');

  it('refuses with INSUFFICIENT_FUNDS when the hold is refused, and the intent stays PIN_VERIFIED', () => {
    const before = anIntent('PIN_VERIFIED');
    const to = aWaiter('confirm');

    const decision = afterHold(before, { kind: 'insufficient', available: 2_000 }, to, contextAt());

    expect(expectRefusal(decision, before, to)).toMatchObject({ code: 'INSUFFICIENT_FUNDS', details: { available: 2_000, required: 10_250 } });
    expect(decision.state.phase).toBe('PIN_VERIFIED');
  });

  it('refuses with INSUFFICIENT_FUNDS (available 0) when the client has no wallet', () => {
    const before = anIntent('PIN_VERIFIED');
    const to = aWaiter('confirm');

    expect(expectRefusal(afterHold(before, { kind: 'no-wallet' }, to, contextAt()), before, to)).toMatchObject({
      code: 'INSUFFICIENT_FUNDS',
      details: { available: 0, required: 10_250 },
    });
  });

  it.each(['placed', 'exists'] as const)('with the funds held (%s), asks the risk engine to reserve and waits', (kind) => {
    const to = aWaiter('confirm');

    const decision = afterHold(anIntent('PIN_VERIFIED'), { kind }, to, contextAt());

    expect(decision.state).toMatchObject({ phase: 'PIN_VERIFIED', holdId: HOLD, pending: { step: 'RESERVE', stepId: 'id-1', waiters: [to] } });
    expect(decision.commands).toEqual([
      {
        type: 'ReserveCashOut',
        payload: {
          intentId: 'intent-0001',
          stepId: 'id-1',
          client: { userId: CLIENT.userId, kycTier: 2, status: 'ACTIVE' },
          agentUserId: AGENT.userId,
          amount: 10_000,
          currency: 'XOF',
        },
      },
    ]);
    expect(decision.replies).toEqual([]);
    expect(decision.effects).toEqual([]);
  });

  it('CashOutReserved denied: RISK_DENIED with the reasons, the hold released, still PIN_VERIFIED', () => {
    const to = aWaiter('confirm');
    const before = waiting(anIntent('PIN_VERIFIED', { holdId: HOLD }), 'RESERVE', 'step-reserve', to);

    const decision = onReserved(before, { intentId: 'intent-0001', stepId: 'step-reserve', approved: false, reasons: ['DAILY_LIMIT'] }, contextAt());

    expect(decision.state).toMatchObject({ phase: 'PIN_VERIFIED', pending: undefined, holdId: undefined });
    expect(decision.state.history).toEqual(before.history);
    expect(errorsOf(decision)).toEqual([{ to, error: expect.objectContaining({ code: 'RISK_DENIED', details: { reasons: ['DAILY_LIMIT'] } }) }]);
    expect(decision.effects).toEqual([{ kind: 'release-hold', holdId: HOLD }]);
    expect(decision.commands).toEqual([]);
  });

  it('CashOutReserved approved: PROCESSING, settles the ledger, the callers keep waiting for the outcome', () => {
    const first = aWaiter('confirm');
    const again = aWaiter('confirm');
    const before = waiting(anIntent('PIN_VERIFIED', { holdId: HOLD }), 'RESERVE', 'step-reserve', first, again);

    const decision = onReserved(before, { intentId: 'intent-0001', stepId: 'step-reserve', approved: true, reasons: [] }, contextAt(at(80)));

    expect(decision.state.phase).toBe('PROCESSING');
    expect(decision.state.pending).toMatchObject({ step: 'SETTLE', waiters: [first, again] });
    expect(lastHistory(decision.state)).toEqual({ status: 'PROCESSING', at: at(80).toISOString() });
    expect(decision.effects).toEqual([{ kind: 'settle' }]);
    expect(decision.replies).toEqual([]);
    expect(decision.commands).toEqual([]);
  });

  it('settled: SUCCEEDED with the transaction, the reservation committed, the client told, callers answered', () => {
    const to = aWaiter('confirm');
    const before = waiting(anIntent('PROCESSING', { holdId: HOLD }), 'SETTLE', 'step-settle', to);

    const decision = onSettled(before, { transactionId: 'cashout-intent-0001', clientBalance: 489_750 }, contextAt(at(81)));

    expect(decision.state).toMatchObject({ phase: 'SUCCEEDED', transactionId: 'cashout-intent-0001', pending: undefined });
    expect(lastHistory(decision.state)).toEqual({ status: 'SUCCEEDED', at: at(81).toISOString() });
    expect(decision.commands).toEqual([
      { type: 'CommitReservation', payload: { intentId: 'intent-0001' } },
      {
        type: 'NotifyCashOutOutcome',
        payload: {
          intentId: 'intent-0001',
          outcome: 'SUCCEEDED',
          customerPhone: CLIENT.phone,
          preferredChannel: 'WHATSAPP',
          amount: 10_000,
          fee: 250,
          currency: 'XOF',
          referenceId: before.referenceId,
          newBalance: 489_750,
        },
      },
    ]);
    expect(decision.replies.map((reply) => reply.to)).toEqual([to]);
    expect(intentReply(decision.replies[0])).toMatchObject({ status: 'SUCCEEDED', transactionId: 'cashout-intent-0001' });
    expect(decision.effects).toEqual([]);
  });

  it('settlement failed: FAILED with compensation (reservation released, OTP invalidated, client told, hold voided)', () => {
    const to = aWaiter('confirm');
    const before = waiting(anIntent('PROCESSING', { holdId: HOLD }), 'SETTLE', 'step-settle', to);

    const decision = onSettlementFailed(before, 'wallet would go negative', contextAt(at(82)));

    expect(decision.state).toMatchObject({ phase: 'FAILED', pending: undefined, holdId: undefined, failureReason: 'wallet would go negative' });
    expect(lastHistory(decision.state)).toMatchObject({ status: 'FAILED', at: at(82).toISOString() });
    expect(lastHistory(decision.state).reason).toMatch(/^wallet would go negative; compensated/);
    expect(commandTypes(decision)).toEqual(['ReleaseReservation', 'InvalidateOtp', 'NotifyCashOutOutcome']);
    expect(commandOf(decision, 'ReleaseReservation')).toEqual({ intentId: 'intent-0001' });
    expect(commandOf(decision, 'InvalidateOtp')).toEqual({ intentId: 'intent-0001' });
    expect(commandOf(decision, 'NotifyCashOutOutcome')).toMatchObject({ outcome: 'FAILED', customerPhone: CLIENT.phone, amount: 10_000, fee: 250 });
    expect(decision.effects).toEqual([{ kind: 'release-hold', holdId: HOLD }]);
    expect(decision.replies.map((reply) => [reply.to, intentReply(reply).status])).toEqual([[to, 'FAILED']]);
  });

  it.each(['SUCCEEDED', 'PROCESSING'] as const)('confirmShortcut answers a %s intent with it, unchanged', (phase) => {
    const before = anIntent(phase);
    const to = aWaiter('confirm');

    const decision = confirmShortcut(before, to);

    expect(decision).toBeDefined();
    expect(decision?.state).toBe(before);
    expect(decision?.commands).toEqual([]);
    expect(decision?.effects).toEqual([]);
    expect(decision?.replies).toEqual([{ to, body: { kind: 'intent', intent: toView(before) } }]);
  });

  it.each(['CREATED', 'OTP_SENT', 'OTP_VERIFIED', 'PIN_VERIFIED', 'CANCELED', 'EXPIRED'] as const)('confirmShortcut does not answer for a %s intent', (phase) => {
    expect(confirmShortcut(anIntent(phase), aWaiter('confirm'))).toBeUndefined();
  });
});

// ================================================================= expiry

describe('expire', () => {
  const EXPIRABLE_PHASES = ['CREATED', 'OTP_SENT', 'OTP_VERIFIED', 'PIN_VERIFIED'] as const;

  it.each(EXPIRABLE_PHASES)('expires a %s intent past its deadline, with compensation', (phase) => {
    const before = anIntent(phase);

    const decision = expire(before, contextAt(at(601)));

    expect(decision.state).toMatchObject({ phase: 'EXPIRED', failureReason: 'EXPIRED', pending: undefined, holdId: undefined });
    expect(lastHistory(decision.state)).toMatchObject({ status: 'EXPIRED', at: at(601).toISOString() });
    expect(lastHistory(decision.state).reason).toMatch(/^deadline passed; compensated/);
    expect(decision.state.history).toHaveLength(before.history.length + 1);
    expect(commandTypes(decision)).toEqual(['ReleaseReservation', 'InvalidateOtp', 'NotifyCashOutOutcome']);
    expect(commandOf(decision, 'NotifyCashOutOutcome')).toMatchObject({ outcome: 'FAILED', reason: 'the cash-out request expired' });
    expect(decision.effects).toEqual([{ kind: 'release-hold', holdId: holdIdFor('intent-0001') }]);
  });

  it('expires exactly at the deadline', () => {
    expect(expire(anIntent('CREATED'), contextAt(at(600))).state.phase).toBe('EXPIRED');
  });

  it('does nothing before the deadline', () => {
    const before = anIntent('PIN_VERIFIED');

    expectNoChange(expire(before, contextAt(new Date(at(600).getTime() - 1))), before);
  });

  it('never expires a PROCESSING intent: money is in flight', () => {
    const before = waiting(anIntent('PROCESSING'), 'SETTLE', 'step-settle', aWaiter('confirm'));

    expectNoChange(expire(before, contextAt(at(1_000_000))), before);
  });

  it.each(['SUCCEEDED', 'FAILED', 'CANCELED', 'EXPIRED', 'REJECTED'] as const)('does not expire a %s intent', (phase) => {
    const before = anIntent(phase);

    expectNoChange(expire(before, contextAt(at(1_000_000))), before);
  });

  it('releases the hold and the reservation of a confirm still waiting for the risk engine, and answers the caller', () => {
    const to = aWaiter('confirm');
    const before = waiting(anIntent('PIN_VERIFIED', { holdId: holdIdFor('intent-0001') }), 'RESERVE', 'step-reserve', to);

    const decision = expire(before, contextAt(at(601)));

    expect(decision.state.phase).toBe('EXPIRED');
    expect(decision.effects).toEqual([{ kind: 'release-hold', holdId: holdIdFor('intent-0001') }]);
    expect(commandTypes(decision)).toContain('ReleaseReservation');
    expect(errorsOf(decision)).toEqual([{ to, error: expect.objectContaining({ code: 'INVALID_STATE', details: expect.objectContaining({ status: 'EXPIRED' }) }) }]);
  });

  it('a late CashOutReserved after expiry changes nothing', () => {
    const before = waiting(anIntent('PIN_VERIFIED', { holdId: holdIdFor('intent-0001') }), 'RESERVE', 'step-reserve', aWaiter('confirm'));
    const expired = expire(before, contextAt(at(601))).state;

    expectNoChange(onReserved(expired, { intentId: 'intent-0001', stepId: 'step-reserve', approved: true, reasons: [] }, contextAt(at(602))), expired);
  });

  it('expiring twice changes nothing the second time', () => {
    const once = expire(anIntent('OTP_SENT'), contextAt(at(601))).state;

    expectNoChange(expire(once, contextAt(at(700))), once);
  });
});

// ================================================================= cancel

describe('cancel', () => {
  it.each(['CREATED', 'OTP_SENT', 'OTP_VERIFIED'] as const)('cancels a %s intent, recording who and why, answering with it', (phase) => {
    const before = anIntent(phase);
    const to = aWaiter('cancel');

    const decision = cancel(before, ADMIN, 'client changed their mind', to, contextAt(at(90)));

    expect(decision.state).toMatchObject({ phase: 'CANCELED', pending: undefined, failureReason: 'client changed their mind' });
    expect(decision.state.history).toEqual([
      ...before.history,
      { status: 'CANCELED', at: at(90).toISOString(), actor: ADMIN.userId, reason: 'client changed their mind' },
    ]);
    expect(decision.replies.map((reply) => [reply.to, intentReply(reply).status])).toEqual([[to, 'CANCELED']]);
    expect(decision.effects).toEqual([]);
  });

  it('invalidates the OTP, also from CREATED where one may be on its way', () => {
    expect(cancel(anIntent('OTP_SENT'), AGENT_ACTOR, undefined, aWaiter('cancel'), contextAt()).commands).toEqual([
      { type: 'InvalidateOtp', payload: { intentId: 'intent-0001' } },
    ]);
    expect(cancel(anIntent('CREATED'), AGENT_ACTOR, undefined, aWaiter('cancel'), contextAt()).commands).toEqual([
      { type: 'InvalidateOtp', payload: { intentId: 'intent-0001' } },
    ]);
  });

  it('records a default reason when none is given', () => {
    const decision = cancel(anIntent('CREATED'), AGENT_ACTOR, undefined, aWaiter('cancel'), contextAt());

    expect(lastHistory(decision.state)).toMatchObject({ actor: AGENT.userId, reason: 'canceled by request' });
  });

  it('answers requests interrupted by the cancel with INVALID_STATE, and ignores their late answers', () => {
    const interrupted = aWaiter('verify-pin');
    const to = aWaiter('cancel');
    const before = waiting(anIntent('OTP_VERIFIED'), 'VERIFY_PIN', 'step-pin', interrupted);

    const decision = cancel(before, AGENT_ACTOR, undefined, to, contextAt());

    expect(errorsOf(decision)).toEqual([
      { to: interrupted, error: expect.objectContaining({ code: 'INVALID_STATE', details: expect.objectContaining({ status: 'CANCELED' }) }) },
    ]);
    expect(decision.replies.map((reply) => reply.to)).toEqual([interrupted, to]);
    expectNoChange(onPinVerified(decision.state, { intentId: 'intent-0001', stepId: 'step-pin' }, contextAt()), decision.state);
  });
});

// ================================================================= history and view

describe('history', () => {
  it('appends one entry per transition along the whole saga, with the time of each', () => {
    const ctx = (seconds: number) => contextAt(at(seconds));
    let state = startCreation(aCreateMessage(), ctx(0)).state;
    const resolveId = state.pending?.stepId ?? '';
    state = onPartiesResolved(state, { intentId: state.id, stepId: resolveId, agent: AGENT, client: CLIENT }, ctx(1)).state;
    state = onEvaluated(state, { intentId: state.id, stepId: state.pending?.stepId ?? '', approved: true, reasons: [] }, ctx(2)).state;
    state = requestOtp(state, aWaiter('send-otp'), ctx(3)).state;
    state = onOtpDispatched(
      state,
      { intentId: state.id, otpId: state.pending?.stepId ?? '', channel: 'WHATSAPP', status: 'SENT', expiresAt: at(303).toISOString() },
      ctx(4),
    ).state;
    state = requestOtpCheck(state, 'sealed', aWaiter('verify-otp'), ctx(5)).state;
    state = onOtpVerified(state, { intentId: state.id, stepId: state.pending?.stepId ?? '' }, ctx(6)).state;
    state = requestPinCheck(state, { sealedPin: 'sealed' }, aWaiter('verify-pin'), ctx(7)).state;
    state = onPinVerified(state, { intentId: state.id, stepId: state.pending?.stepId ?? '' }, ctx(8)).state;
    state = afterHold(state, { kind: 'placed' }, aWaiter('confirm'), ctx(9)).state;
    state = onReserved(state, { intentId: state.id, stepId: state.pending?.stepId ?? '', approved: true, reasons: [] }, ctx(10)).state;
    state = onSettled(state, { transactionId: 'cashout-intent-0001', clientBalance: 489_750 }, ctx(11)).state;

    expect(state.history).toEqual([
      { status: 'CREATED', at: at(2).toISOString(), actor: AGENT.userId },
      { status: 'OTP_SENT', at: at(4).toISOString() },
      { status: 'OTP_VERIFIED', at: at(6).toISOString() },
      { status: 'PIN_VERIFIED', at: at(8).toISOString() },
      { status: 'PROCESSING', at: at(10).toISOString() },
      { status: 'SUCCEEDED', at: at(11).toISOString() },
    ]);
    expect(state).toMatchObject({ phase: 'SUCCEEDED', fees: 250, commission: 100, updatedAt: at(11).toISOString(), pending: undefined });
  });

  it('keeps entries to status, at, actor and reason', () => {
    const decision = cancel(anIntent('OTP_SENT'), OPERATOR, 'why', aWaiter('cancel'), contextAt());

    for (const entry of decision.state.history) {
      expect(Object.keys(entry).every((key) => ['status', 'at', 'actor', 'reason'].includes(key))).toBe(true);
    }
  });
});

describe('toView', () => {
  it('shows the public shape of API.md: totalDebit = amount + fees, initiator = agent, createdBy = caller', () => {
    const view = toView(anIntent('OTP_SENT', { requestedBy: OPERATOR, channel: 'CMMS' }));

    expect(view).toMatchObject({
      id: 'intent-0001',
      type: 'CASH_OUT',
      status: 'OTP_SENT',
      channel: 'CMMS',
      amount: 10_000,
      fees: 250,
      totalDebit: 10_250,
      commission: 100,
      agent: AGENT,
      client: { userId: CLIENT.userId, phone: CLIENT.phone },
      initiatorUserId: AGENT.userId,
      createdBy: OPERATOR.userId,
      otp: { channel: 'WHATSAPP', expiresAt: at(300).toISOString(), attemptsLeft: 3, resendsLeft: 3 },
    });
    expect(view).not.toHaveProperty('otp.otpId');
    expect(view).not.toHaveProperty('client.kycTier');
  });

  it('refuses to show an intent that is not public yet', () => {
    expect(() => toView(anIntent('DRAFT'))).toThrow(/not public/);
  });

  it('builds the reference from the creation date and the id', () => {
    expect(referenceIdFor('3f2a9c1e-0000-4000-8000-000000000000', T0)).toBe('CO-20260115-3F2A9C1E');
  });
});

describe('a creation that never completes', () => {
  it('is refused with TIMEOUT once its deadline passes, answering the waiting request', () => {
    const message = {
      messageId: 'm-create',
      type: 'CreateCashOutIntent' as const,
      version: 1,
      occurredAt: '2026-01-15T10:00:00.000Z',
      correlationId: 'c-create',
      aggregateId: 'intent-draft',
      producer: 'gateway',
      payload: {
        intentId: 'intent-draft',
        actor: { userId: 'usr-operator-0002', role: 'OPERATOR' as const },
        channel: 'CMMS' as const,
        agentPhone: '+2250500000001',
        clientPhone: '+2250100000001',
        amount: 10_000,
        currency: 'XOF',
      },
    };
    const config = {
      intentTtlSeconds: 600,
      otpMaxAttempts: 3,
      otpMaxResends: 3,
      otpResendCooldownSeconds: 30,
      fees: { bands: [{ min: 500, max: 1_000_000, fee: 100 }], commissionBps: 4000 },
      supportedCurrencies: ['XOF'],
    };
    const created = new Date('2026-01-15T10:00:00.000Z');
    const draft = startCreation(message, { now: created, newId: () => 'step-1', config }).state;

    const early = expire(draft, { now: new Date(created.getTime() + 599_000), newId: () => 'x', config });
    const late = expire(draft, { now: new Date(created.getTime() + 600_000), newId: () => 'x', config });

    expect(early.state).toBe(draft);
    expect(late.state.phase).toBe('REJECTED');
    expect(late.replies).toEqual([
      { to: { correlationId: 'c-create', causationId: 'm-create', action: 'create' }, body: { kind: 'error', error: expect.objectContaining({ code: 'TIMEOUT' }) } },
    ]);
  });
});
