import { randomUUID } from 'node:crypto';
import { Actor, TOPICS } from '@cashout/shared-contracts';
import { ExpiryAndSettlementSweeper } from '../src';
import { AGENT, CLIENT, CLIENT_WALLET, ModuleHarness as Harness } from './support/module-harness';

describe('LedgerWalletsModule over the in-memory bus', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await new Harness().start();
  });

  afterEach(async () => {
    await harness.close();
  });

  it('seeds the demo wallets with balanced opening entries', async () => {
    expect(await harness.balances('usr-client-0001')).toEqual({ MAIN: { balance: 500_000, available: 500_000 } });
    expect(await harness.balances('usr-agent-0001')).toEqual({ FLOAT: { balance: 0, available: 0 }, COMMISSION: { balance: 0, available: 0 } });
    expect(await harness.reconciliation()).toMatchObject({ balanced: true, mismatches: [], totalsByCurrency: { XOF: 0 } });
  });

  it('walks a 10 000 XOF cash-out to SUCCEEDED, answering each gateway request and posting once', async () => {
    const intentId = randomUUID();

    const created = await harness.create(intentId);
    const resolve = harness.lastCommand(TOPICS.customerCommands, 'ResolveParties', intentId);
    expect(resolve.payload).toMatchObject({ intentId, channel: 'MOBILE_PRO', actor: AGENT, clientPhone: CLIENT.phone });
    expect(resolve.correlationId).toBe(created.envelope.correlationId);
    expect(harness.lastCommand(TOPICS.riskCommands, 'EvaluateCashOut', intentId).payload).toMatchObject({
      agentUserId: AGENT.userId,
      amount: 10_000,
      client: { userId: CLIENT.userId, kycTier: 2, status: 'ACTIVE' },
    });
    expect(harness.intentReply(created)).toMatchObject({
      id: intentId,
      status: 'CREATED',
      amount: 10_000,
      fees: 250,
      totalDebit: 10_250,
      commission: 100,
      initiatorUserId: AGENT.userId,
      createdBy: AGENT.userId,
    });

    const sent = await harness.sendOtp(intentId);
    expect(harness.lastCommand(TOPICS.riskCommands, 'AdmitOtpSend', intentId).payload).toMatchObject({
      agentUserId: AGENT.userId,
      clientUserId: CLIENT.userId,
      clientPhone: CLIENT.phone,
      preferredChannel: 'WHATSAPP',
    });
    expect(harness.intentReply(sent)).toMatchObject({ status: 'OTP_SENT', otp: { channel: 'WHATSAPP', attemptsLeft: 3, resendsLeft: 3 } });

    const otpChecked = await harness.verifyOtp(intentId);
    const verifyOtp = harness.lastCommand(TOPICS.authCommands, 'VerifyOtp', intentId);
    expect(harness.sealed.open(verifyOtp.payload.sealedOtp)).toBe('123456');
    expect(harness.intentReply(otpChecked).status).toBe('OTP_VERIFIED');

    const pinChecked = await harness.verifyPin(intentId);
    expect(harness.lastCommand(TOPICS.authCommands, 'VerifyPin', intentId).payload.agentUserId).toBe(AGENT.userId);
    expect(harness.intentReply(pinChecked).status).toBe('PIN_VERIFIED');

    const confirm = await harness.request('ConfirmIntent', { intentId, actor: AGENT }, intentId);
    expect(harness.replies(confirm)).toEqual([]);
    expect(harness.lastCommand(TOPICS.riskCommands, 'ReserveCashOut', intentId).payload).toMatchObject({ amount: 10_000, agentUserId: AGENT.userId });
    expect(await harness.balances(CLIENT.userId)).toEqual({ MAIN: { balance: 500_000, available: 489_750 } });

    await harness.publish(harness.reservationAnswer(intentId));

    const succeeded = harness.intentReply(confirm);
    expect(succeeded).toMatchObject({ status: 'SUCCEEDED', transactionId: `cashout-${intentId}` });
    expect(succeeded.history.map((entry) => entry.status)).toEqual(['CREATED', 'OTP_SENT', 'OTP_VERIFIED', 'PIN_VERIFIED', 'PROCESSING', 'SUCCEEDED']);
    expect(harness.messages(TOPICS.riskCommands, 'CommitReservation', intentId).map((message) => message.payload)).toEqual([
      { intentId, agentUserId: expect.any(String), clientUserId: expect.any(String) },
    ]);
    expect(harness.messages(TOPICS.notificationCommands, 'NotifyCashOutOutcome', intentId).map((message) => message.payload)).toEqual([
      expect.objectContaining({ outcome: 'SUCCEEDED', customerPhone: CLIENT.phone, amount: 10_000, fee: 250, newBalance: 489_750 }),
    ]);
    expect(harness.messages(TOPICS.intentEvents, 'IntentStateChanged', intentId).map((message) => message.payload.to)).toEqual([
      'CREATED',
      'OTP_SENT',
      'OTP_VERIFIED',
      'PIN_VERIFIED',
      'PROCESSING',
      'SUCCEEDED',
    ]);

    expect(await harness.balances(CLIENT.userId)).toEqual({ MAIN: { balance: 489_750, available: 489_750 } });
    expect(await harness.balances(AGENT.userId)).toEqual({ FLOAT: { balance: 10_000, available: 10_000 }, COMMISSION: { balance: 100, available: 100 } });
    expect(await harness.reconciliation()).toMatchObject({ balanced: true, mismatches: [], totalsByCurrency: { XOF: 0 } });
    expect(await harness.ledger.findWallet('sys-fees-XOF')).toMatchObject({ balance: 150 });
  });

  it('answers a confirm of the SUCCEEDED intent with it, unchanged, posting nothing', async () => {
    const intentId = randomUUID();
    await harness.toPinVerified(intentId);
    await harness.request('ConfirmIntent', { intentId, actor: AGENT }, intentId);
    await harness.publish(harness.reservationAnswer(intentId));
    const entriesBefore = (await harness.ledger.allEntries()).length;

    const again = await harness.request('ConfirmIntent', { intentId, actor: AGENT }, intentId);

    expect(harness.intentReply(again)).toMatchObject({ status: 'SUCCEEDED', transactionId: `cashout-${intentId}` });
    expect((await harness.ledger.allEntries()).length).toBe(entriesBefore);
    expect(harness.messages(TOPICS.riskCommands, 'ReserveCashOut', intentId)).toHaveLength(1);
    expect(await harness.balances(CLIENT.userId)).toEqual({ MAIN: { balance: 489_750, available: 489_750 } });
  });

  it('posts one cash-out when the same CashOutReserved envelope is delivered twice', async () => {
    const intentId = randomUUID();
    await harness.toPinVerified(intentId);
    const confirm = await harness.request('ConfirmIntent', { intentId, actor: AGENT }, intentId);
    const reserved = harness.reservationAnswer(intentId);

    await harness.publish(reserved);
    await harness.publish(reserved);

    expect(await harness.cashOutEntries(intentId)).toHaveLength(1);
    expect((await harness.ledger.allEntries()).filter((entry) => entry.id === `commission-${intentId}`)).toHaveLength(1);
    expect(harness.replies(confirm)).toHaveLength(1);
    expect(harness.messages(TOPICS.riskCommands, 'CommitReservation', intentId)).toHaveLength(1);
    expect(await harness.balances(CLIENT.userId)).toEqual({ MAIN: { balance: 489_750, available: 489_750 } });
    expect(await harness.balances(AGENT.userId)).toEqual({ FLOAT: { balance: 10_000, available: 10_000 }, COMMISSION: { balance: 100, available: 100 } });
    expect((await harness.reconciliation()).balanced).toBe(true);
  });

  it('posts one cash-out when several ConfirmIntent arrive at once, and answers every one', async () => {
    const intentId = randomUUID();
    await harness.toPinVerified(intentId);
    const confirms = Array.from({ length: 4 }, () =>
      harness.gateway.create('ConfirmIntent', { intentId, actor: AGENT }, { aggregateId: intentId, correlationId: `corr-${randomUUID()}` }),
    );

    await Promise.all(confirms.map((confirm) => harness.bus.publish([confirm])));
    await harness.bus.idle();

    expect(harness.messages(TOPICS.riskCommands, 'ReserveCashOut', intentId)).toHaveLength(1);
    expect(Object.values((await harness.ledger.findWallet(CLIENT_WALLET))?.holds ?? {})).toEqual([10_250]);

    await harness.publish(harness.reservationAnswer(intentId));

    expect(await harness.cashOutEntries(intentId)).toHaveLength(1);
    for (const confirm of confirms) expect(harness.intentReply(confirm).status).toBe('SUCCEEDED');
    expect(await harness.balances(CLIENT.userId)).toEqual({ MAIN: { balance: 489_750, available: 489_750 } });
    expect((await harness.reconciliation()).balanced).toBe(true);
  });

  it('redelivered ConfirmIntent (the same envelope twice) holds the funds once', async () => {
    const intentId = randomUUID();
    await harness.toPinVerified(intentId);
    const confirm = harness.gateway.create('ConfirmIntent', { intentId, actor: AGENT }, { aggregateId: intentId, correlationId: `corr-${randomUUID()}` });

    await harness.publish(confirm);
    await harness.publish(confirm);
    await harness.publish(harness.reservationAnswer(intentId));

    expect(harness.messages(TOPICS.riskCommands, 'ReserveCashOut', intentId)).toHaveLength(1);
    expect(await harness.cashOutEntries(intentId)).toHaveLength(1);
    expect(await harness.balances(CLIENT.userId)).toEqual({ MAIN: { balance: 489_750, available: 489_750 } });
  });

  it('refuses a confirm the client cannot afford with INSUFFICIENT_FUNDS and keeps the intent PIN_VERIFIED', async () => {
    const intentId = randomUUID();
    await harness.toPinVerified(intentId, 600_000);

    const confirm = await harness.request('ConfirmIntent', { intentId, actor: AGENT }, intentId);

    expect(harness.errorReply(confirm)).toMatchObject({ code: 'INSUFFICIENT_FUNDS', details: { available: 500_000, required: 605_000 } });
    expect(harness.messages(TOPICS.riskCommands, 'ReserveCashOut', intentId)).toEqual([]);
    expect(await harness.balances(CLIENT.userId)).toEqual({ MAIN: { balance: 500_000, available: 500_000 } });
    const get = await harness.request('GetIntent', { intentId, actor: AGENT }, intentId);
    expect(harness.intentReply(get).status).toBe('PIN_VERIFIED');
  });

  it('releases the hold when the risk engine refuses the reservation, and the intent can be confirmed again', async () => {
    const intentId = randomUUID();
    await harness.toPinVerified(intentId);
    const denied = await harness.request('ConfirmIntent', { intentId, actor: AGENT }, intentId);

    await harness.publish(harness.reservationAnswer(intentId, false));

    expect(harness.errorReply(denied)).toMatchObject({ code: 'RISK_DENIED', details: { reasons: ['DAILY_LIMIT'] } });
    expect(await harness.balances(CLIENT.userId)).toEqual({ MAIN: { balance: 500_000, available: 500_000 } });

    const retried = await harness.request('ConfirmIntent', { intentId, actor: AGENT }, intentId);
    await harness.publish(harness.reservationAnswer(intentId));

    expect(harness.intentReply(retried).status).toBe('SUCCEEDED');
    expect(await harness.balances(CLIENT.userId)).toEqual({ MAIN: { balance: 489_750, available: 489_750 } });
  });

  it('refuses another agent with NOT_FOUND (as an unknown id) and an out-of-order step with INVALID_STATE', async () => {
    const intentId = randomUUID();
    await harness.create(intentId);

    const foreign = await harness.request('SendIntentOtp', { intentId, actor: { userId: 'usr-agent-0002', role: 'AGENT' } }, intentId);
    const early = await harness.request('ConfirmIntent', { intentId, actor: AGENT }, intentId);

    expect(harness.errorReply(foreign)).toEqual({ code: 'NOT_FOUND', message: `intent ${intentId} not found` });
    expect(harness.errorReply(early)).toMatchObject({ code: 'INVALID_STATE', details: { status: 'CREATED', action: 'confirm' } });
    expect(harness.messages(TOPICS.riskCommands, 'AdmitOtpSend', intentId)).toEqual([]);
  });

  it('refuses a cursor it did not give, naming the field, and pages on with one it gave', async () => {
    await harness.create(randomUUID());
    await harness.create(randomUUID());
    const first = await harness.request('ListIntents', { actor: AGENT, limit: 1 }, AGENT.userId);
    const page = harness.onlyReply(first) as { kind: 'intent-page'; nextCursor: string | null };
    expect(page.nextCursor).toEqual(expect.any(String));

    const next = await harness.request('ListIntents', { actor: AGENT, limit: 1, cursor: page.nextCursor as string }, AGENT.userId);
    expect(harness.onlyReply(next)).toMatchObject({ kind: 'intent-page', items: [expect.any(Object)] });
    for (const cursor of ['garbage!', Buffer.from('yesterday|x').toString('base64url'), Buffer.from('2026-01-15T10:00:00.000Z|a|b').toString('base64url')]) {
      const refused = await harness.request('ListIntents', { actor: AGENT, limit: 1, cursor }, AGENT.userId);
      expect(harness.errorReply(refused)).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'cursor' })] });
    }
  });

  it('shows an intent only to its agent and to staff, and lists an agent only its own intents', async () => {
    const mine = randomUUID();
    await harness.create(mine);
    const otherAgent: Actor = { userId: 'usr-agent-0002', role: 'AGENT' };

    const byOther = await harness.request('GetIntent', { intentId: mine, actor: otherAgent }, mine);
    const byAdmin = await harness.request('GetIntent', { intentId: mine, actor: { userId: 'usr-admin-0001', role: 'ADMIN' } }, mine);
    const listMine = await harness.request('ListIntents', { actor: AGENT, limit: 10 }, AGENT.userId);
    const listOther = await harness.request('ListIntents', { actor: otherAgent, limit: 10 }, otherAgent.userId);
    const listClient = await harness.request('ListIntents', { actor: { userId: CLIENT.userId, role: 'CLIENT' }, limit: 10 }, CLIENT.userId);

    const unknown = randomUUID();
    const byOtherUnknown = await harness.request('GetIntent', { intentId: unknown, actor: otherAgent }, unknown);
    expect(harness.errorReply(byOther)).toEqual({ code: 'NOT_FOUND', message: `intent ${mine} not found` });
    expect(harness.errorReply(byOtherUnknown)).toEqual({ code: 'NOT_FOUND', message: `intent ${unknown} not found` });
    expect(harness.intentReply(byAdmin).id).toBe(mine);
    expect(harness.onlyReply(listMine)).toMatchObject({ kind: 'intent-page', items: [expect.objectContaining({ id: mine })] });
    expect(harness.onlyReply(listOther)).toEqual({ kind: 'intent-page', items: [], nextCursor: null });
    expect(harness.errorReply(listClient).code).toBe('FORBIDDEN');
  });

  it('answers a redelivered CreateCashOutIntent with the intent instead of creating it again', async () => {
    const intentId = randomUUID();
    const created = await harness.create(intentId);

    await harness.publish(created);

    const replies = harness.replies(created);
    expect(replies).toHaveLength(2);
    expect(replies.every((reply) => reply.kind === 'intent' && reply.intent.status === 'CREATED')).toBe(true);
    expect(harness.messages(TOPICS.customerCommands, 'ResolveParties', intentId)).toHaveLength(1);
  });

  it('dead-letters an invalid message without crashing, and keeps serving', async () => {
    const invalid = harness.gateway.create(
      'CreateCashOutIntent',
      { intentId: 'intent-bad', actor: AGENT, channel: 'MOBILE_PRO', clientPhone: CLIENT.phone, amount: 10.5, currency: 'XOF' },
      { aggregateId: 'intent-bad', correlationId: 'corr-bad' },
    );

    await harness.publish(invalid);

    const dead = harness.bus.records(TOPICS.deadLetter);
    expect(dead).toHaveLength(1);
    expect(dead[0].value).toMatchObject({ messageId: invalid.envelope.messageId });
    expect(dead[0].headers).toMatchObject({ 'x-dlt-group': 'ledger-wallets', 'x-dlt-topic': TOPICS.intentCommands });
    expect(dead[0].headers['x-dlt-reason']).toMatch(/amount/);
    expect(harness.messages(TOPICS.customerCommands, 'ResolveParties', 'intent-bad')).toEqual([]);
    expect(harness.replies(invalid)).toEqual([]);

    const intentId = randomUUID();
    expect(harness.intentReply(await harness.create(intentId)).status).toBe('CREATED');
  });

  it('dead-letters a message of an unknown type', async () => {
    await harness.publish({
      topic: TOPICS.intentCommands,
      key: 'intent-x',
      envelope: {
        messageId: 'msg-unknown',
        type: 'DropAllTables',
        version: 1,
        occurredAt: harness.clock.now().toISOString(),
        correlationId: 'corr-x',
        aggregateId: 'intent-x',
        producer: 'intruder',
        payload: {},
      },
    });

    expect(harness.bus.records(TOPICS.deadLetter).map((record) => record.headers['x-dlt-reason'])).toEqual(['unknown message type DropAllTables']);
  });

  it('the deadline sweeper expires an intent past its TTL with compensation and releases the hold', async () => {
    const intentId = randomUUID();
    await harness.toPinVerified(intentId);
    const confirm = await harness.request('ConfirmIntent', { intentId, actor: AGENT }, intentId);
    expect(await harness.balances(CLIENT.userId)).toEqual({ MAIN: { balance: 500_000, available: 489_750 } });
    const sweeper = harness.app.get(ExpiryAndSettlementSweeper);

    await sweeper.sweep();
    await harness.bus.idle();
    expect(harness.messages(TOPICS.riskCommands, 'ReleaseReservation', intentId)).toEqual([]);

    harness.clock.advance(601_000);
    await sweeper.sweep();
    await harness.bus.idle();

    expect(harness.messages(TOPICS.riskCommands, 'ReleaseReservation', intentId).map((message) => message.payload)).toEqual([
      { intentId, agentUserId: expect.any(String), clientUserId: expect.any(String) },
    ]);
    expect(harness.messages(TOPICS.authCommands, 'InvalidateOtp', intentId).map((message) => message.payload)).toEqual([{ intentId }]);
    expect(harness.messages(TOPICS.notificationCommands, 'NotifyCashOutOutcome', intentId).map((message) => message.payload)).toEqual([
      expect.objectContaining({ outcome: 'FAILED', customerPhone: CLIENT.phone }),
    ]);
    expect(harness.errorReply(confirm)).toMatchObject({ code: 'INVALID_STATE', details: { status: 'EXPIRED' } });
    expect(await harness.balances(CLIENT.userId)).toEqual({ MAIN: { balance: 500_000, available: 500_000 } });

    const get = await harness.request('GetIntent', { intentId, actor: AGENT }, intentId);
    const expired = harness.intentReply(get);
    expect(expired).toMatchObject({ status: 'EXPIRED', failureReason: 'EXPIRED' });
    expect(expired.history[expired.history.length - 1]).toMatchObject({ status: 'EXPIRED', reason: expect.stringMatching(/^deadline passed/) });

    // A late approval from the risk engine settles nothing.
    await harness.publish(harness.reservationAnswer(intentId));
    expect(await harness.cashOutEntries(intentId)).toEqual([]);
    expect(await harness.balances(CLIENT.userId)).toEqual({ MAIN: { balance: 500_000, available: 500_000 } });
    expect((await harness.reconciliation()).balanced).toBe(true);
  });

  it('the sweeper leaves a finished intent alone past its deadline', async () => {
    const intentId = randomUUID();
    await harness.toPinVerified(intentId);
    const confirm = await harness.request('ConfirmIntent', { intentId, actor: AGENT }, intentId);
    await harness.publish(harness.reservationAnswer(intentId));
    expect(harness.intentReply(confirm).status).toBe('SUCCEEDED');

    harness.clock.advance(3_600_000);
    await harness.app.get(ExpiryAndSettlementSweeper).sweep();
    await harness.bus.idle();

    expect(harness.messages(TOPICS.riskCommands, 'ReleaseReservation', intentId)).toEqual([]);
    expect(await harness.cashOutEntries(intentId)).toHaveLength(1);
  });
});
