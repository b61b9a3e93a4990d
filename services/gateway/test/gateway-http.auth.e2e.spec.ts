import request from 'supertest';
import { GOOD_PIN, Harness, USERS, createHarness } from './support/gateway-harness';

const INTENT_ID = '6f1c2f0e-8b1c-4b43-9d57-0a3f2b7d1c11';

let harness: Harness;
const http = () => request(harness.app.getHttpServer());
const bearer = (role: Parameters<Harness['tokenFor']>[0]) => ({ Authorization: `Bearer ${harness.tokenFor(role)}` });

afterEach(async () => {
  await harness.close();
});

describe('login', () => {
  beforeEach(async () => {
    harness = await createHarness();
  });

  it('answers the opened token and the user, and the Login message carries the PIN sealed', async () => {
    const response = await http().post('/auth/login').send({ phone: USERS.AGENT.phone, pin: GOOD_PIN }).expect(200);

    expect(response.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { id: USERS.AGENT.userId, role: 'AGENT' } });
    expect(typeof response.body.accessToken).toBe('string');
    const [login] = harness.published('Login');
    expect(login.aggregateId).toBe(USERS.AGENT.phone);
    expect(JSON.stringify(login)).not.toContain(GOOD_PIN);
    expect(harness.sealedBox.open((login.payload as { sealedPin: string }).sealedPin)).toBe(GOOD_PIN);
  });

  it('maps an INVALID_CREDENTIALS reply to 401 with the correlation id', async () => {
    const response = await http().post('/auth/login').send({ phone: USERS.AGENT.phone, pin: '9999' }).expect(401);

    expect(response.body.error).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(response.body.error.correlationId).toBe(response.headers['x-correlation-id']);
    expect(harness.published('Login')[0].correlationId).toBe(response.body.error.correlationId);
  });

  it('rejects a PIN that is not 4 to 6 digits, naming the field', async () => {
    const response = await http().post('/auth/login').send({ phone: USERS.AGENT.phone, pin: '12' }).expect(400);

    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details).toEqual([expect.objectContaining({ field: 'pin' })]);
    expect(harness.published('Login')).toHaveLength(0);
  });

  it('says a missing field is required', async () => {
    const response = await http().post('/auth/login').send({ phone: USERS.AGENT.phone }).expect(400);
    expect(response.body.error.details).toEqual([{ field: 'pin', message: 'is required' }]);
  });

  it('rate-limits login attempts per phone', async () => {
    await harness.close();
    harness = await createHarness({ RATE_LIMIT_LOGIN_PER_MINUTE: '2' });
    const attempt = () => http().post('/auth/login').send({ phone: USERS.AGENT.phone, pin: '0000' });

    await attempt().expect(401);
    await attempt().expect(401);
    const third = await attempt().expect(429);

    expect(third.body.error.code).toBe('RATE_LIMITED');
    expect(third.headers['retry-after']).toBeDefined();
    await http().post('/auth/login').send({ phone: USERS.CLIENT.phone, pin: '0000' }).expect(401);
  });

  it('refuses logins from an address whose failed logins spent its budget, across phones, and counts them for alerts', async () => {
    await harness.close();
    harness = await createHarness({ RATE_LIMIT_FAILED_LOGINS_PER_ADDRESS: '3' });
    // one PIN tried across many phones, from one address
    await http().post('/auth/login').send({ phone: USERS.AGENT.phone, pin: '0000' }).expect(401);
    await http().post('/auth/login').send({ phone: USERS.CLIENT.phone, pin: '0000' }).expect(401);
    await http().post('/auth/login').send({ phone: USERS.OPERATOR.phone, pin: '0000' }).expect(401);

    const refused = await http().post('/auth/login').send({ phone: USERS.ADMIN.phone, pin: GOOD_PIN }).expect(429);

    expect(refused.body.error).toMatchObject({ code: 'RATE_LIMITED', message: 'too many failed logins from this address' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(harness.published('Login')).toHaveLength(3);
    const metrics = (await http().get('/metrics').expect(200)).text;
    expect(metrics).toContain('gateway_failed_logins_total{reason="INVALID_CREDENTIALS"} 3');
    expect(metrics).toContain('gateway_login_throttled_total{scope="address"} 1');
  });

  it('does not spend the failed-login budget on successful logins', async () => {
    await harness.close();
    harness = await createHarness({ RATE_LIMIT_FAILED_LOGINS_PER_ADDRESS: '1' });
    for (let i = 0; i < 5; i += 1) await http().post('/auth/login').send({ phone: USERS.AGENT.phone, pin: GOOD_PIN }).expect(200);
    await http().post('/auth/login').send({ phone: USERS.AGENT.phone, pin: '0000' }).expect(401);
    await http().post('/auth/login').send({ phone: USERS.AGENT.phone, pin: GOOD_PIN }).expect(429);
  });

  it('refuses every login once everyone together failed too often', async () => {
    await harness.close();
    harness = await createHarness({ RATE_LIMIT_FAILED_LOGINS: '2' });
    await http().post('/auth/login').send({ phone: USERS.AGENT.phone, pin: '0000' }).expect(401);
    await http().post('/auth/login').send({ phone: USERS.CLIENT.phone, pin: '0000' }).expect(401);

    const refused = await http().post('/auth/login').send({ phone: USERS.ADMIN.phone, pin: GOOD_PIN }).expect(429);

    expect(refused.body.error.message).toBe('too many failed logins; try again shortly');
    expect((await http().get('/metrics')).text).toContain('gateway_login_throttled_total{scope="global"} 1');
  });
});

describe('authentication and roles', () => {
  beforeEach(async () => {
    harness = await createHarness();
  });

  it('refuses a protected route without a bearer token', async () => {
    const response = await http().get('/wallets/me').expect(401);
    expect(response.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a tampered token', async () => {
    const token = harness.tokenFor('ADMIN');
    await http()
      .get('/wallets/me')
      .set('Authorization', `Bearer ${token.slice(0, -2)}xx`)
      .expect(401);
  });

  it('refuses a token signed with another secret', async () => {
    const { JwtCodec } = await import('@cashout/platform');
    const forged = await new JwtCodec({ ...harness.config.jwt, current: { id: 'k1', secret: 'another-secret-of-enough-length' } }).sign(
      { sub: 'x', role: 'ADMIN', phone: '+2250700000001' },
      60,
    );
    await http().get('/ledger/reconciliation').set('Authorization', `Bearer ${forged}`).expect(401);
  });

  it('lets a CLIENT issue a QR token and refuses an AGENT', async () => {
    const ok = await http().post('/customers/me/qr-token').set(bearer('CLIENT')).expect(201);
    expect(ok.body).toEqual({ qrToken: 'qr-abc', expiresAt: '2026-01-15T10:02:00.000Z' });
    const refused = await http().post('/customers/me/qr-token').set(bearer('AGENT')).expect(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
  });

  it('refuses a CLIENT creating an intent', async () => {
    await http().post('/intents').set(bearer('CLIENT')).send({ amount: 1000, clientPhone: USERS.CLIENT.phone }).expect(403);
    expect(harness.published('CreateCashOutIntent')).toHaveLength(0);
  });

  it('refuses a CLIENT on the intent steps', async () => {
    await http().post(`/intents/${INTENT_ID}/send-otp`).set(bearer('CLIENT')).expect(403);
  });

  it('keeps reconciliation for ADMIN only', async () => {
    await http().get('/ledger/reconciliation').set(bearer('OPERATOR')).expect(403);
    const response = await http().get('/ledger/reconciliation').set(bearer('ADMIN')).expect(200);
    expect(response.body.balanced).toBe(true);
  });

  it('lets staff read wallets by phone, not agents', async () => {
    await http().get('/wallets').query({ phone: USERS.CLIENT.phone }).set(bearer('AGENT')).expect(403);
    const response = await http().get('/wallets').query({ phone: USERS.CLIENT.phone }).set(bearer('OPERATOR')).expect(200);
    expect(response.body[0].kind).toBe('MAIN');
    expect(harness.published('GetWallets')[0].payload).toEqual({ phone: USERS.CLIENT.phone });
  });

  it('reads the caller own wallets by user id', async () => {
    await http().get('/wallets/me').set(bearer('CLIENT')).expect(200);
    expect(harness.published('GetWallets')[0].payload).toEqual({ ownerUserId: USERS.CLIENT.userId });
  });

  it('maps a FORBIDDEN reply from the ledger (another agent intent) to 403', async () => {
    harness.answers.GetIntent = () => ({ kind: 'error', error: { code: 'FORBIDDEN', message: 'not your intent' } });
    const response = await http().get(`/intents/${INTENT_ID}`).set(bearer('AGENT')).expect(403);
    expect(response.body.error.message).toBe('not your intent');
  });

  it('lets ADMIN alone lift a PIN lock, asking auth on behalf of the admin', async () => {
    harness.answers.UnlockUser = () => ({ kind: 'user-unlocked', user: { id: USERS.AGENT.userId, role: 'AGENT', phone: USERS.AGENT.phone }, wasLocked: true });
    await http().post(`/users/${USERS.AGENT.userId}/unlock`).set(bearer('OPERATOR')).expect(403);
    await http().post(`/users/${USERS.AGENT.userId}/unlock`).set(bearer('AGENT')).expect(403);
    expect(harness.published('UnlockUser')).toHaveLength(0);

    const response = await http().post(`/users/${USERS.AGENT.userId}/unlock`).set(bearer('ADMIN')).expect(200);

    expect(response.body).toEqual({ user: { id: USERS.AGENT.userId, role: 'AGENT', phone: USERS.AGENT.phone }, wasLocked: true });
    expect(harness.published('UnlockUser')[0].payload).toEqual({ userId: USERS.AGENT.userId, unlockedBy: USERS.ADMIN.userId });
  });

  it('answers 404 when auth knows no such user, and 400 for an id that is not one', async () => {
    harness.answers.UnlockUser = () => ({ kind: 'error', error: { code: 'NOT_FOUND', message: 'no user with id usr-none' } });
    const missing = await http().post('/users/usr-none/unlock').set(bearer('ADMIN')).expect(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    await http()
      .post(`/users/${'x'.repeat(101)}/unlock`)
      .set(bearer('ADMIN'))
      .expect(400);
  });

  it('rate-limits each caller', async () => {
    await harness.close();
    harness = await createHarness({ RATE_LIMIT_PER_MINUTE: '2' });
    const headers = bearer('CLIENT');
    await http().get('/wallets/me').set(headers).expect(200);
    await http().get('/wallets/me').set(headers).expect(200);
    const response = await http().get('/wallets/me').set(headers).expect(429);
    expect(response.body.error.code).toBe('RATE_LIMITED');
  });
});
