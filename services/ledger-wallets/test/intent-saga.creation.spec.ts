import { ErrorBody } from '@cashout/shared-contracts';
import { IntentState, referenceIdFor, Waiter } from '../src/domain/intent';
import { expire, onEvaluated, onPartiesRejected, onPartiesResolved, repeatCreation, startCreation } from '../src/domain/intent-saga';
import {
  aCreateMessage,
  AGENT,
  AGENT_ACTOR,
  anIntent,
  at,
  aWaiter,
  CLIENT,
  commandOf,
  contextAt,
  errorsOf,
  expectNoChange,
  intentReply,
  onlyError,
  OPERATOR,
  riskCheck,
  T0,
  waiting,
} from './support/saga-fixtures';

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
        history: [],
      });
      expect(decision.state.pending).toEqual({
        step: 'RESOLVE',
        stepId: 'id-1',
        waiters: [{ correlationId: 'corr-create', causationId: 'msg-create', action: 'create' }],
        since: T0.toISOString(),
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

    it('does not keep ResolveParties for a resend: a QR token is a bearer credential', () => {
      const decision = startCreation(aCreateMessage({ clientPhone: undefined, clientQrToken: 'qr-token' }), contextAt());

      expect(decision.state.pending).not.toHaveProperty('resend');
      expect(JSON.stringify(decision.state)).not.toContain('qr-token');
    });

    it('sets the deadline INTENT_TTL_SECONDS after creation and a human reference', () => {
      const decision = startCreation(aCreateMessage(), contextAt(T0, { intentTtlSeconds: 90 }));

      expect(decision.state.expiresAt).toBe(at(90).toISOString());
      expect(decision.state.createdAt).toBe(T0.toISOString());
      expect(decision.state.referenceId).toBe(referenceIdFor('intent-0001', T0));
    });

    it('passes a CMMS request (agentPhone + clientPhone) and a QR token through to ResolveParties', () => {
      const cmms = startCreation(aCreateMessage({ channel: 'CMMS', actor: OPERATOR, agentPhone: AGENT.phone, clientPhone: CLIENT.phone }), contextAt());
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
    const resolving = (amount: number) =>
      waiting(anIntent('DRAFT', { amount, agent: undefined, client: undefined, fees: 0, commission: 0 }), 'RESOLVE', 'step-resolve', aWaiter('create'));
    const resolved = { intentId: 'intent-0001', stepId: 'step-resolve', agent: AGENT, client: CLIENT };

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
    ])('prices %i XOF at a fee of %i and a commission of %i (docs/api.md "Fees" bands, 40 % rounded down)', (amount, fee, commission) => {
      const decision = onPartiesResolved(resolving(amount), resolved, contextAt());

      expect(decision.state.fees).toBe(fee);
      expect(decision.state.commission).toBe(commission);
    });

    it('records the parties and asks the risk engine to evaluate, keeping the creator waiting', () => {
      const before = resolving(10_000);

      const decision = onPartiesResolved(before, resolved, contextAt());

      expect(decision.state).toMatchObject({ phase: 'DRAFT', agent: AGENT, client: CLIENT });
      expect(decision.commands).toEqual([
        {
          type: 'EvaluateCashOut',
          payload: {
            ...riskCheck('id-1'),
            // The intent counts among its parties' open intents until its deadline at most.
            openUntil: before.expiresAt,
          },
        },
      ]);
      expect(decision.replies).toEqual([]);
    });

    it('keeps EvaluateCashOut with the pending EVALUATE step, so a stalled evaluation can be asked again', () => {
      const before = resolving(10_000);

      const decision = onPartiesResolved(before, resolved, contextAt(at(3)));

      expect(decision.state.pending).toEqual({
        step: 'EVALUATE',
        stepId: 'id-1',
        waiters: before.pending?.waiters,
        since: at(3).toISOString(),
        resend: decision.commands[0],
      });
    });

    it('charges nothing for an amount outside every band (creation is then refused after evaluation)', () => {
      const decision = onPartiesResolved(resolving(100), resolved, contextAt());

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
    const approved = { intentId: 'intent-0001', stepId: 'step-eval', approved: true, reasons: [] };

    it('rejects with RISK_DENIED listing the reasons when the risk engine says no', () => {
      const decision = onEvaluated(evaluating(), { ...approved, approved: false, reasons: ['DAILY_LIMIT', 'CLIENT_SUSPENDED'] }, contextAt());

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

      const decision = onEvaluated(before, approved, contextAt(at(2)));

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

      const decision = onEvaluated(before, approved, contextAt());

      expect(decision.state.history).toEqual([{ status: 'CREATED', at: T0.toISOString(), actor: OPERATOR.userId }]);
      expect(intentReply(decision.replies[0])).toMatchObject({ initiatorUserId: AGENT.userId, createdBy: OPERATOR.userId });
    });

    it('rejects with VALIDATION_FAILED on the amount when no fee band covers it', () => {
      const decision = onEvaluated(evaluating({ amount: 2_000_000, fees: 0, commission: 0 }), approved, contextAt());

      expect(decision.state.phase).toBe('REJECTED');
      expect(onlyError(decision)).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'amount' }] });
    });
  });

  describe('repeatCreation (a redelivered or retried create)', () => {
    it('joins a new request to the creation still in progress', () => {
      const first = aWaiter('create');
      const before = waiting(anIntent('DRAFT'), 'EVALUATE', 'step-eval', first);

      const decision = repeatCreation(before, aCreateMessage());

      expect(decision.state.pending).toEqual({
        ...before.pending,
        waiters: [first, { correlationId: 'corr-create', causationId: 'msg-create', action: 'create' }],
      });
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

describe('a creation that never completes', () => {
  const config = {
    intentTtlSeconds: 600,
    otpMaxAttempts: 3,
    otpMaxResends: 3,
    otpResendCooldownSeconds: 30,
    fees: { bands: [{ min: 500, max: 1_000_000, fee: 100 }], commissionBps: 4000 },
    supportedCurrencies: ['XOF'],
  };
  const message = {
    ...aCreateMessage({ intentId: 'intent-draft', actor: OPERATOR, channel: 'CMMS', agentPhone: AGENT.phone }),
    messageId: 'm-create',
    correlationId: 'c-create',
    aggregateId: 'intent-draft',
  };
  const draft = startCreation(message, { now: T0, newId: () => 'step-1', config }).state;

  it('waits until its deadline', () => {
    expectNoChange(expire(draft, { now: at(599), newId: () => 'x', config }), draft);
  });

  it('is refused with TIMEOUT once its deadline passes, answering the waiting request', () => {
    const late = expire(draft, { now: at(600), newId: () => 'x', config });

    expect(late.state).toMatchObject({ phase: 'REJECTED', pending: undefined, rejection: expect.objectContaining({ code: 'TIMEOUT' }) });
    expect(late.commands).toEqual([]);
    expect(late.replies).toEqual([
      {
        to: { correlationId: 'c-create', causationId: 'm-create', action: 'create' },
        body: { kind: 'error', error: expect.objectContaining({ code: 'TIMEOUT' }) },
      },
    ]);
  });

  it('answers a create repeated after the refusal with the same TIMEOUT', () => {
    const rejected = expire(draft, { now: at(600), newId: () => 'x', config }).state;

    expect(onlyError(repeatCreation(rejected, message)).code).toBe('TIMEOUT');
  });
});
