import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InMemoryMessageBus, ManualClock, MessageFactory } from '@cashout/platform';
import { Envelope, MessageType, PayloadOf, TOPICS } from '@cashout/shared-contracts';
import { RiskEngineModule, loadRiskConfig } from '../src';

const HOUR = 60 * 60 * 1000;

describe('RiskEngineModule over the bus', () => {
  let app: INestApplicationContext;
  let bus: InMemoryMessageBus;
  let clock: ManualClock;
  const ledger = new MessageFactory('ledger-wallets');
  let sequence = 0;

  beforeEach(async () => {
    bus = new InMemoryMessageBus({ maxAttempts: 2, backoffMs: () => 1 });
    clock = new ManualClock(new Date('2026-01-15T10:00:00.000Z'));
    const config = loadRiskConfig({ APP_ENV: 'test' });
    app = await NestFactory.createApplicationContext(
      RiskEngineModule.register({
        platform: { serviceName: 'risk-engine', bus, sealKey: config.sealKey, clock },
        config,
        seedDemo: true,
      }),
      { logger: false },
    );
    await app.init();
  });

  afterEach(async () => {
    await bus.stop();
    await app.close();
  });

  const check = (intentId: string, amount: number, overrides: Partial<PayloadOf<'ReserveCashOut'>> = {}) => ({
    intentId,
    stepId: 'step-1',
    client: { userId: 'usr-client-0004', kycTier: 1, status: 'ACTIVE' as const },
    agentUserId: 'usr-agent-0001',
    amount,
    currency: 'XOF',
    ...overrides,
  });

  function message<T extends MessageType>(type: T, payload: PayloadOf<T>, aggregateId: string) {
    sequence += 1;
    return ledger.create(type, payload, { aggregateId, correlationId: `corr-${sequence}` });
  }

  async function send<T extends MessageType>(type: T, payload: PayloadOf<T>, aggregateId: string) {
    const outgoing = message(type, payload, aggregateId);
    await bus.publish([outgoing]);
    await bus.idle();
    return outgoing;
  }

  const answersTo = (correlationId: string) =>
    bus
      .records(TOPICS.riskEvents)
      .map((record) => record.value as Envelope)
      .filter((envelope) => envelope.correlationId === correlationId);

  async function decision(type: 'EvaluateCashOut' | 'ReserveCashOut', payload: PayloadOf<'ReserveCashOut'>) {
    const sent = await send(type, payload, payload.intentId);
    const [answer] = answersTo(sent.envelope.correlationId);
    return answer;
  }

  it('answers CashOutEvaluated approved, replying to the request', async () => {
    const sent = await send('EvaluateCashOut', check('intent-1', 10_000), 'intent-1');
    const [answer] = answersTo(sent.envelope.correlationId);
    expect(answer.type).toBe('CashOutEvaluated');
    expect(answer.causationId).toBe(sent.envelope.messageId);
    expect(answer.aggregateId).toBe('intent-1');
    expect(answer.payload).toEqual({ intentId: 'intent-1', stepId: 'step-1', approved: true, reasons: [] });
  });

  it('refuses a suspended client at evaluation with its reason', async () => {
    const answer = await decision('EvaluateCashOut', check('intent-2', 10_000, { client: { userId: 'usr-client-0003', kycTier: 2, status: 'SUSPENDED' } }));
    expect(answer.payload).toMatchObject({ approved: false, reasons: ['CUSTOMER_SUSPENDED'] });
  });

  it('reserves at confirm, so a later evaluation sees the counters', async () => {
    expect((await decision('ReserveCashOut', check('intent-3', 100_000))).payload).toMatchObject({ approved: true });
    expect((await decision('ReserveCashOut', check('intent-3b', 60_000))).payload).toMatchObject({ approved: true });
    const answer = await decision('EvaluateCashOut', check('intent-4', 50_000));
    expect(answer.payload).toMatchObject({ approved: false, reasons: ['DAILY_LIMIT_EXCEEDED'] });
  });

  it('evaluation reserves nothing', async () => {
    await decision('EvaluateCashOut', check('intent-5', 100_000));
    await decision('EvaluateCashOut', check('intent-6', 100_000));
    expect((await decision('ReserveCashOut', check('intent-7', 100_000))).payload).toMatchObject({ approved: true });
    expect((await decision('ReserveCashOut', check('intent-8', 100_000))).payload).toMatchObject({ approved: true });
  });

  it('answers a redelivered ReserveCashOut approved again without reserving twice', async () => {
    const reserve = message('ReserveCashOut', check('intent-9', 100_000), 'intent-9');
    await bus.publish([reserve]);
    await bus.publish([reserve]);
    await bus.idle();
    const answers = answersTo(reserve.envelope.correlationId);
    expect(answers.map((answer) => answer.payload)).toEqual([
      { intentId: 'intent-9', stepId: 'step-1', approved: true, reasons: [] },
      { intentId: 'intent-9', stepId: 'step-1', approved: true, reasons: [] },
    ]);
    expect((await decision('EvaluateCashOut', check('intent-10', 100_000))).payload).toMatchObject({ approved: true });
  });

  it('frees the counters on ReleaseReservation, idempotently', async () => {
    await decision('ReserveCashOut', check('intent-11', 100_000));
    await decision('ReserveCashOut', check('intent-11b', 100_000));
    expect((await decision('EvaluateCashOut', check('intent-11c', 500))).payload).toMatchObject({ approved: false });
    const release = message('ReleaseReservation', { intentId: 'intent-11' }, 'intent-11');
    await bus.publish([release]);
    await bus.publish([release]);
    await send('ReleaseReservation', { intentId: 'unknown-intent' }, 'unknown-intent');
    expect((await decision('ReserveCashOut', check('intent-12', 100_000))).payload).toMatchObject({ approved: true });
  });

  it('keeps committed amounts counting after CommitReservation', async () => {
    await decision('ReserveCashOut', check('intent-13', 100_000));
    await decision('ReserveCashOut', check('intent-13b', 100_000));
    await send('CommitReservation', { intentId: 'intent-13' }, 'intent-13');
    await send('CommitReservation', { intentId: 'intent-13b' }, 'intent-13b');
    await send('ReleaseReservation', { intentId: 'intent-13' }, 'intent-13');
    const answer = await decision('ReserveCashOut', check('intent-14', 500));
    expect(answer.payload).toMatchObject({ approved: false, reasons: ['DAILY_LIMIT_EXCEEDED'] });
  });

  it('rolls the hourly velocity off one hour after the reservations', async () => {
    for (let i = 0; i < 10; i += 1) {
      expect((await decision('ReserveCashOut', check(`burst-${i}`, 500))).payload).toMatchObject({ approved: true });
    }
    expect((await decision('ReserveCashOut', check('burst-10', 500))).payload).toMatchObject({
      approved: false,
      reasons: ['HOURLY_VELOCITY_EXCEEDED'],
    });
    clock.advance(HOUR);
    expect((await decision('ReserveCashOut', check('burst-11', 500))).payload).toMatchObject({ approved: true });
  });

  it('counts the client day from UTC midnight', async () => {
    clock.set(new Date('2026-01-15T23:30:00.000Z'));
    await decision('ReserveCashOut', check('late-1', 100_000));
    await decision('ReserveCashOut', check('late-2', 100_000));
    expect((await decision('EvaluateCashOut', check('late-3', 500))).payload).toMatchObject({ approved: false });
    clock.set(new Date('2026-01-16T00:00:00.000Z'));
    expect((await decision('EvaluateCashOut', check('late-4', 100_000))).payload).toMatchObject({ approved: true });
  });

  it('never lets concurrent reservations for one client exceed the daily limit', async () => {
    const requests = Array.from({ length: 10 }, (_, i) => message('ReserveCashOut', check(`race-${i}`, 30_000), `race-${i}`));
    await Promise.all(requests.map((request) => bus.publish([request])));
    await bus.idle();
    const approved = requests.filter((request) => {
      const [answer] = answersTo(request.envelope.correlationId);
      return (answer.payload as PayloadOf<'CashOutReserved'>).approved;
    });
    expect(approved).toHaveLength(6);
  });

  it('dead-letters an invalid message and keeps consuming', async () => {
    const invalid = message('ReserveCashOut', check('intent-15', 1_000), 'intent-15');
    (invalid.envelope.payload as { amount: number }).amount = 10.5;
    await bus.publish([invalid]);
    await bus.idle();
    const dead = bus.records(TOPICS.deadLetter);
    expect(dead).toHaveLength(1);
    expect(dead[0].headers['x-dlt-group']).toBe('risk-engine');
    expect(dead[0].headers['x-dlt-reason']).toContain('amount');
    expect(answersTo(invalid.envelope.correlationId)).toHaveLength(0);
    expect((await decision('EvaluateCashOut', check('intent-16', 1_000))).payload).toMatchObject({ approved: true });
  });
  describe('open-intent caps', () => {
    const openUntil = () => new Date(clock.now().getTime() + 10 * 60_000).toISOString();
    const evaluate = (intentId: string, client = 'usr-client-0004') =>
      decision('EvaluateCashOut', check(intentId, 5_000, { client: { userId: client, kycTier: 1, status: 'ACTIVE' }, openUntil: openUntil() }));

    it("refuses a client's fourth open intent naming the budget, and admits again once one ends", async () => {
      for (const id of ['open-1', 'open-2', 'open-3']) expect((await evaluate(id)).payload).toMatchObject({ approved: true });
      const refused = await evaluate('open-4');
      expect(refused.payload).toEqual({
        intentId: 'open-4',
        stepId: 'step-1',
        approved: false,
        reasons: ['OPEN_INTENTS_PER_CLIENT'],
        budget: { name: 'OPEN_INTENTS_PER_CLIENT', retryAfterSeconds: 600 },
      });
      // A redelivered evaluation of an admitted intent is answered the same, not counted again.
      expect((await evaluate('open-3')).payload).toMatchObject({ approved: true });

      await send('ReleaseReservation', { intentId: 'open-1', agentUserId: 'usr-agent-0001', clientUserId: 'usr-client-0004' }, 'open-1');
      expect((await evaluate('open-4')).payload).toMatchObject({ approved: true });
      // Another client of the same agent is not held back by this one's cap.
      expect((await evaluate('other-1', 'usr-client-0001')).payload).toMatchObject({ approved: true });
    });

    it('lets an open intent go at its deadline even if its end was never heard of', async () => {
      for (const id of ['late-1', 'late-2', 'late-3']) await evaluate(id);
      expect((await evaluate('late-4')).payload).toMatchObject({ approved: false });
      clock.advance(10 * 60_000);
      expect((await evaluate('late-4')).payload).toMatchObject({ approved: true });
    });

    it('counts nothing for a check without a deadline (a version-1 sender)', async () => {
      for (const id of ['v1-1', 'v1-2', 'v1-3', 'v1-4']) {
        expect((await decision('EvaluateCashOut', check(id, 5_000))).payload).toMatchObject({ approved: true });
      }
    });
  });
  describe('OTP-send budgets', () => {
    const admit = (otpId: string, client = 'usr-client-0004', agent = 'usr-agent-0001') =>
      send(
        'AdmitOtpSend',
        { intentId: `intent-of-${otpId}`, otpId, clientUserId: client, clientPhone: '+2250100000004', agentUserId: agent },
        `intent-of-${otpId}`,
      );
    const forwarded = () =>
      bus
        .records(TOPICS.authCommands)
        .map((record) => record.value as Envelope)
        .filter((envelope) => envelope.type === 'IssueOtp');
    const refusals = () =>
      bus
        .records(TOPICS.riskEvents)
        .map((record) => record.value as Envelope)
        .filter((envelope) => envelope.type === 'OtpSendRefused');

    it("passes sends on to auth as IssueOtp (same ids, no agent) until the client's budget is spent, then refuses naming it", async () => {
      for (let i = 1; i <= 10; i += 1) await admit(`otp-${i}`);
      const sent = await admit('otp-11');
      expect(forwarded()).toHaveLength(10);
      // Partitions are keyed by intent: the records are not in send order.
      const first = forwarded().find((envelope) => (envelope.payload as { otpId: string }).otpId === 'otp-1');
      expect(first).toMatchObject({
        correlationId: expect.stringMatching(/^corr-/),
        payload: { intentId: 'intent-of-otp-1', otpId: 'otp-1', clientUserId: 'usr-client-0004', clientPhone: '+2250100000004' },
      });
      expect(first?.payload).not.toHaveProperty('agentUserId');
      expect(refusals().map((envelope) => envelope.payload)).toEqual([
        { intentId: 'intent-of-otp-11', otpId: 'otp-11', budget: 'OTP_SENDS_PER_CLIENT', retryAfterSeconds: 3600 },
      ]);
      expect(refusals()[0].correlationId).toBe(sent.envelope.correlationId);

      // A redelivered send that was admitted is passed on again, not counted again; the window rolls.
      await admit('otp-10');
      expect(forwarded()).toHaveLength(11);
      clock.advance(HOUR);
      await admit('otp-12');
      expect(forwarded()).toHaveLength(12);
    });

    it("refuses an agent's sends across clients once the agent's budget is spent", async () => {
      for (let i = 0; i < 200; i += 1) await admit(`a-${i}`, `usr-client-${i}`);
      await admit('a-200', 'usr-client-200');
      expect(forwarded()).toHaveLength(200);
      expect(refusals().map((envelope) => envelope.payload)).toMatchObject([{ otpId: 'a-200', budget: 'OTP_SENDS_PER_AGENT' }]);
    });
  });
});
