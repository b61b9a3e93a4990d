import request from 'supertest';
import { TOPICS } from '@cashout/shared-contracts';
import { MessageFactory } from '@cashout/platform';
import { Harness, USERS, createHarness } from './support/gateway-harness';

const INTENT_ID = '6f1c2f0e-8b1c-4b43-9d57-0a3f2b7d1c11';

let harness: Harness;
const http = () => request(harness.app.getHttpServer());
const bearer = (role: Parameters<Harness['tokenFor']>[0]) => ({ Authorization: `Bearer ${harness.tokenFor(role)}` });

afterEach(async () => {
  await harness.close();
});

describe('creating intents', () => {
  beforeEach(async () => {
    harness = await createHarness();
  });

  it('sends CreateCashOutIntent from an agent on MOBILE_PRO with XOF by default', async () => {
    const response = await http().post('/intents').set(bearer('AGENT')).send({ amount: 10000, clientPhone: USERS.CLIENT.phone }).expect(201);

    const [command] = harness.published('CreateCashOutIntent');
    expect(command.payload).toEqual({
      intentId: command.aggregateId,
      actor: { userId: USERS.AGENT.userId, role: 'AGENT' },
      channel: 'MOBILE_PRO',
      clientPhone: USERS.CLIENT.phone,
      amount: 10000,
      currency: 'XOF',
    });
    expect(response.body.id).toBe(command.aggregateId);
  });

  it('refuses an agent who names an agentPhone with 403', async () => {
    const response = await http()
      .post('/intents')
      .set(bearer('AGENT'))
      .send({ amount: 10000, clientPhone: USERS.CLIENT.phone, agentPhone: '+2250500000002' })
      .expect(403);

    expect(response.body.error).toMatchObject({ code: 'FORBIDDEN', message: 'an agent cannot act as another agent' });
    expect(harness.published('CreateCashOutIntent')).toHaveLength(0);
  });

  it('requires exactly one of clientPhone and clientQrToken from an agent', async () => {
    const both = await http().post('/intents').set(bearer('AGENT')).send({ amount: 10000, clientPhone: USERS.CLIENT.phone, clientQrToken: 'qr' }).expect(400);
    expect(both.body.error.details[0].field).toBe('clientQrToken');
    const none = await http().post('/intents').set(bearer('AGENT')).send({ amount: 10000 }).expect(400);
    expect(none.body.error.details[0].field).toBe('clientPhone');
  });

  it('seals the QR token of a Mobile Pro intent: never in clear on the bus', async () => {
    await http().post('/intents').set(bearer('AGENT')).send({ amount: 10000, clientQrToken: 'qr-token-of-the-client' }).expect(201);

    const [sent] = harness.published('CreateCashOutIntent');
    expect(JSON.stringify(sent)).not.toContain('qr-token-of-the-client');
    expect(harness.sealedBox.open((sent.payload as { sealedClientQrToken: string }).sealedClientQrToken)).toBe('qr-token-of-the-client');
  });

  it('sends a CMMS intent for staff with both phones', async () => {
    await http()
      .post('/intents')
      .set(bearer('OPERATOR'))
      .send({ agentPhone: USERS.AGENT.phone, clientPhone: USERS.CLIENT.phone, amount: 5000, currency: 'XOF' })
      .expect(201);
    expect(harness.published('CreateCashOutIntent')[0].payload).toMatchObject({ channel: 'CMMS', agentPhone: USERS.AGENT.phone });
  });

  it('refuses a QR token on CMMS with 400 naming clientQrToken', async () => {
    const response = await http().post('/intents').set(bearer('ADMIN')).send({ agentPhone: USERS.AGENT.phone, clientQrToken: 'qr', amount: 5000 }).expect(400);
    expect(response.body.error.details).toEqual([expect.objectContaining({ field: 'clientQrToken' })]);
  });

  it.each([
    ['a float amount', { amount: 10.5 }, 'amount'],
    ['a zero amount', { amount: 0 }, 'amount'],
    ['a negative amount', { amount: -5 }, 'amount'],
    ['an amount beyond safe integers', { amount: 2 ** 60 }, 'amount'],
    ['an amount as a string', { amount: '1000' }, 'amount'],
    ['a malformed phone', { clientPhone: '0701020304' }, 'clientPhone'],
    ['a lower-case currency', { currency: 'xof' }, 'currency'],
    ['an unknown field', { tip: 5 }, 'tip'],
  ])('rejects %s naming the field', async (_label, change, field) => {
    const body = { amount: 10000, clientPhone: USERS.CLIENT.phone, ...change };
    const response = await http().post('/intents').set(bearer('AGENT')).send(body).expect(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('maps a RISK_DENIED reply to 422 with its details', async () => {
    harness.answers.CreateCashOutIntent = () => ({
      kind: 'error',
      error: { code: 'RISK_DENIED', message: 'over the limit', details: { reasons: ['DAILY_LIMIT'] } },
    });
    const response = await http().post('/intents').set(bearer('AGENT')).send({ amount: 10000, clientPhone: USERS.CLIENT.phone }).expect(422);
    expect(response.body.error).toMatchObject({ code: 'RISK_DENIED', details: { reasons: ['DAILY_LIMIT'] } });
  });
});

describe('intent steps', () => {
  beforeEach(async () => {
    harness = await createHarness();
  });

  it('maps an INVALID_STATE reply to 409 with its details', async () => {
    harness.answers.SendIntentOtp = () => ({
      kind: 'error',
      error: { code: 'INVALID_STATE', message: 'cannot send an OTP now', details: { status: 'SUCCEEDED', action: 'send-otp' } },
    });
    const response = await http().post(`/intents/${INTENT_ID}/send-otp`).set(bearer('AGENT')).expect(409);
    expect(response.body.error.details).toEqual({ status: 'SUCCEEDED', action: 'send-otp' });
  });

  it('seals the OTP and refuses one that is not 6 digits', async () => {
    await http().post(`/intents/${INTENT_ID}/verify-otp`).set(bearer('AGENT')).send({ otp: '12345' }).expect(400);
    await http().post(`/intents/${INTENT_ID}/verify-otp`).set(bearer('AGENT')).send({ otp: '123456' }).expect(200);
    const [command] = harness.published('VerifyIntentOtp');
    expect(JSON.stringify(command)).not.toContain('123456');
    expect(harness.sealedBox.open((command.payload as { sealedOtp: string }).sealedOtp)).toBe('123456');
  });

  it('verify-pin forwards the sealed bearer token for an agent', async () => {
    const token = harness.tokenFor('AGENT');
    await http().post(`/intents/${INTENT_ID}/verify-pin`).set('Authorization', `Bearer ${token}`).send({ pin: '1234' }).expect(200);
    const payload = harness.published('VerifyIntentPin')[0].payload as { sealedPin: string; sealedToken?: string };
    expect(harness.sealedBox.open(payload.sealedPin)).toBe('1234');
    expect(payload.sealedToken && harness.sealedBox.open(payload.sealedToken)).toBe(token);
  });

  it('verify-pin sends no token for CMMS staff', async () => {
    await http().post(`/intents/${INTENT_ID}/verify-pin`).set(bearer('OPERATOR')).send({ pin: '1234' }).expect(200);
    expect(harness.published('VerifyIntentPin')[0].payload).not.toHaveProperty('sealedToken');
  });

  it('maps PIN_LOCKED to 423', async () => {
    harness.answers.VerifyIntentPin = () => ({ kind: 'error', error: { code: 'PIN_LOCKED', message: 'locked' } });
    await http().post(`/intents/${INTENT_ID}/verify-pin`).set(bearer('AGENT')).send({ pin: '1234' }).expect(423);
  });

  it('cancels with an optional reason', async () => {
    await http().post(`/intents/${INTENT_ID}/cancel`).set(bearer('AGENT')).send({ reason: 'client left' }).expect(200);
    await http().post(`/intents/${INTENT_ID}/cancel`).set(bearer('AGENT')).expect(200);
    expect(harness.published('CancelIntent').map((m) => m.payload)).toEqual([
      { intentId: INTENT_ID, actor: { userId: USERS.AGENT.userId, role: 'AGENT' }, reason: 'client left' },
      { intentId: INTENT_ID, actor: { userId: USERS.AGENT.userId, role: 'AGENT' } },
    ]);
  });

  it('lists intents with limit 20 by default and validates the limit', async () => {
    const response = await http().get('/intents').set(bearer('AGENT')).expect(200);
    expect(response.body.nextCursor).toBeNull();
    expect(harness.published('ListIntents')[0].payload).toMatchObject({ limit: 20 });
    const bad = await http().get('/intents').query({ limit: '500' }).set(bearer('AGENT')).expect(400);
    expect(bad.body.error.details[0].field).toBe('limit');
    await http().get('/intents').query({ status: 'NOPE' }).set(bearer('AGENT')).expect(400);
  });

  it('answers 504 TIMEOUT when no reply comes', async () => {
    harness.answers.GetIntent = () => undefined;
    const response = await http().get(`/intents/${INTENT_ID}`).set(bearer('ADMIN')).expect(504);
    expect(response.body.error.code).toBe('TIMEOUT');
  });

  it('ignores replies no request here waits for, valid or not (another instance validates its own), without crashing', async () => {
    const stranger = new MessageFactory('stranger');
    const invalid = stranger.create('GatewayReply', { kind: 'wallets', wallets: [] }, { aggregateId: 'x', correlationId: 'other' });
    (invalid.envelope as { payload: unknown }).payload = { kind: 'nonsense' };
    await harness.bus.publish([invalid, stranger.create('GatewayReply', { kind: 'wallets', wallets: [] }, { aggregateId: 'x', correlationId: 'other' })]);
    await harness.bus.idle();

    expect(harness.bus.records(TOPICS.deadLetter)).toEqual([]);
    await http().get('/wallets/me').set(bearer('CLIENT')).expect(200);
  });
});
