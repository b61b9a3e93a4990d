import request from 'supertest';
import { NotificationRecord } from '@cashout/shared-contracts';
import { Harness, USERS, createHarness } from './support/gateway-harness';

const INTENT_ID = '6f1c2f0e-8b1c-4b43-9d57-0a3f2b7d1c11';

let harness: Harness;
const http = () => request(harness.app.getHttpServer());
const bearer = (role: Parameters<Harness['tokenFor']>[0]) => ({ Authorization: `Bearer ${harness.tokenFor(role)}` });
const list = (query: Record<string, string>) => http().get('/sandbox/notifications').query(query).set(bearer('ADMIN'));

afterEach(async () => {
  await harness.close();
});

describe('the sandbox log', () => {
  it.each(['staging', 'production'])('is hidden in %s', async (appEnv) => {
    harness = await createHarness({ APP_ENV: appEnv, JWT_SECRET: 'tq3Vb8XkP1zR7mWc9LdN2sYf5HjG0aEo' });
    const response = await http().get('/sandbox/notifications').set(bearer('ADMIN')).expect(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
    const openapi = await http().get('/docs/openapi.json').expect(200);
    expect(openapi.body.paths['/sandbox/notifications']).toBeUndefined();
  });

  it('is served in development and test to ADMIN alone, by phone: an OPERATOR with an agent PIN could cash out alone', async () => {
    harness = await createHarness();
    await http().get('/sandbox/notifications').query({ phone: USERS.CLIENT.phone, limit: '5' }).set(bearer('ADMIN')).expect(200);
    expect(harness.published('ListSandboxNotifications')[0].payload).toEqual({ phone: USERS.CLIENT.phone, limit: 5 });
    await http().get('/sandbox/notifications').set(bearer('OPERATOR')).expect(403);
    await http().get('/sandbox/notifications').set(bearer('AGENT')).expect(403);
  });

  it('selects by intent id alone, keyed by the intent', async () => {
    harness = await createHarness();
    await list({ intentId: INTENT_ID }).expect(200);
    const [sent] = harness.published('ListSandboxNotifications');
    expect(sent.payload).toEqual({ intentId: INTENT_ID, limit: 50 });
    expect(sent.aggregateId).toBe(INTENT_ID);
  });

  it('selects by phone and intent id together', async () => {
    harness = await createHarness();
    await list({ phone: USERS.CLIENT.phone, intentId: INTENT_ID, limit: '3' }).expect(200);
    expect(harness.published('ListSandboxNotifications')[0].payload).toEqual({ phone: USERS.CLIENT.phone, intentId: INTENT_ID, limit: 3 });
  });

  it('answers the records with their intent id', async () => {
    harness = await createHarness();
    const record: NotificationRecord = {
      id: 'rec-1',
      to: USERS.CLIENT.phone,
      customerPhone: USERS.CLIENT.phone,
      intentId: INTENT_ID,
      channel: 'WHATSAPP',
      kind: 'OTP',
      status: 'SENT',
      provider: 'sandbox',
      body: 'Your cash-out code is 123456.',
      otp: '123456',
      createdAt: '2026-01-15T10:00:00.000Z',
    };
    harness.answers.ListSandboxNotifications = () => ({ kind: 'notifications', records: [record] });
    const response = await list({ intentId: INTENT_ID }).expect(200);
    expect(response.body).toEqual([record]);
  });

  it('is documented in OpenAPI with its phone, intentId and limit parameters', async () => {
    harness = await createHarness();
    const openapi = await http().get('/docs/openapi.json').expect(200);
    const parameters = (openapi.body.paths['/sandbox/notifications'].get.parameters as Array<{ name: string }>).map((p) => p.name);
    expect(parameters).toEqual(['phone', 'intentId', 'limit']);
    expect(openapi.body.components.schemas.Notifications.items.properties.intentId).toEqual({ type: 'string' });
  });

  it.each([
    ['an intent id with odd characters', { intentId: 'x y' }, 'intentId'],
    ['an empty intent id', { intentId: '' }, 'intentId'],
    ['an intent id over 100 characters', { intentId: 'x'.repeat(101) }, 'intentId'],
    ['an unknown parameter', { intent: INTENT_ID }, 'intent'],
  ])('refuses %s with 400 naming the field', async (_label, query, field) => {
    harness = await createHarness();
    const response = await list(query).expect(400);
    expect(response.body.error.details[0].field).toBe(field);
    expect(harness.published('ListSandboxNotifications')).toHaveLength(0);
  });
});
