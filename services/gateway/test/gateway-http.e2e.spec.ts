import request from 'supertest';
import { TOPICS } from '@cashout/shared-contracts';
import { MessageFactory } from '@cashout/platform';
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

describe('environment-specific routes and operations', () => {
  it('answers health, readiness and Prometheus metrics without a token', async () => {
    harness = await createHarness();
    await http().get('/health').expect(200, { status: 'ok' });
    await http().get('/ready').expect(200);
    await http().get('/wallets/me').expect(401);
    const metrics = await http().get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.text).toContain('http_requests_total{method="GET",route="/wallets/me",status="401"} 1');
    expect(metrics.text).toContain('http_request_duration_seconds_bucket');
  });

  it('puts the security headers and no-store on every answer, errors included', async () => {
    harness = await createHarness();
    for (const response of [await http().get('/wallets/me').set(bearer('CLIENT')), await http().get('/wallets/me'), await http().get('/nowhere')]) {
      expect(response.headers).toMatchObject({
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'strict-transport-security': expect.stringContaining('max-age='),
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      });
      expect(response.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('serves metrics only to the holder of METRICS_TOKEN when one is set', async () => {
    harness = await createHarness({ METRICS_TOKEN: 'scraper-token-0123456789' });
    await http().get('/metrics').expect(401);
    await http().get('/metrics').set('Authorization', 'Bearer scraper-token-012345678x').expect(401);
    const metrics = await http().get('/metrics').set('Authorization', 'Bearer scraper-token-0123456789').expect(200);
    expect(metrics.text).toContain('http_requests_total');
  });

  it('does not serve metrics outside development and test without a METRICS_TOKEN', async () => {
    harness = await createHarness({ APP_ENV: 'staging', JWT_SECRET: 'tq3Vb8XkP1zR7mWc9LdN2sYf5HjG0aEo' });
    const response = await http().get('/metrics').expect(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
    await http().get('/health').expect(200);
  });

  it('reports not ready once the bus stops', async () => {
    harness = await createHarness();
    await harness.bus.stop();
    await http().get('/ready').expect(503);
  });

  it('publishes an OpenAPI 3.1 document listing every path, and the Swagger UI', async () => {
    harness = await createHarness();
    const response = await http().get('/docs/openapi.json').expect(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(Object.keys(response.body.paths).sort()).toEqual(
      [
        '/auth/login',
        '/customers/me/qr-token',
        '/intents',
        '/intents/{id}',
        '/intents/{id}/events',
        '/intents/{id}/send-otp',
        '/intents/{id}/verify-otp',
        '/intents/{id}/verify-pin',
        '/intents/{id}/confirm',
        '/intents/{id}/cancel',
        '/wallets/me',
        '/wallets',
        '/ledger/reconciliation',
        '/reports/agents/{phone}/daily',
        '/users/{id}/unlock',
        '/sandbox/notifications',
        '/sandbox/notifications/mine',
        '/operations/dead-letters',
        '/health',
        '/ready',
        '/metrics',
        '/cmms',
        '/docs',
        '/docs/openapi.json',
      ].sort(),
    );
    expect(response.body.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(response.body.components.schemas.Error).toBeDefined();
    const page = await http().get('/docs').expect(200);
    // No inline script: the page runs under the pages' strict policy, its start-up script is an asset.
    expect(page.headers['content-security-policy']).toContain("script-src 'self';");
    expect(page.text).not.toMatch(/<script>/);
    const scripts = [...page.text.matchAll(/<script src="([^"]+)"><\/script>/g)].map((match) => match[1]);
    expect(scripts).toEqual(['/docs/assets/swagger-ui-bundle.js', '/docs/assets/swagger-ui-standalone-preset.js', '/docs/assets/cashout-initializer.js']);
    for (const script of scripts) await http().get(script).expect(200);
    const initializer = await http().get('/docs/assets/cashout-initializer.js').expect(200);
    expect(initializer.headers['content-type']).toContain('javascript');
    expect(initializer.text).toContain("url: '/docs/openapi.json'");
  });

  it('sends the old console address to the web console', async () => {
    harness = await createHarness();
    const response = await http().get('/cmms').expect(302);
    expect(response.headers.location).toBe('/console/');
  });
});

describe('secrets stay out of logs', () => {
  it('never logs the PIN, the OTP or the token', async () => {
    const { Logger } = await import('@nestjs/common');
    const lines: string[] = [];
    const spies = (['log', 'error', 'warn', 'debug', 'verbose'] as const).map((level) =>
      jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => {
        lines.push(args.map(String).join(' '));
      }),
    );
    harness = await createHarness();
    const token = harness.tokenFor('AGENT');
    await http().post('/auth/login').send({ phone: USERS.AGENT.phone, pin: GOOD_PIN }).expect(200);
    await http().post(`/intents/${INTENT_ID}/verify-otp`).set('Authorization', `Bearer ${token}`).send({ otp: '654321' }).expect(200);
    await http().post(`/intents/${INTENT_ID}/verify-pin`).set('Authorization', `Bearer ${token}`).send({ pin: '730519' }).expect(200);
    spies.forEach((spy) => spy.mockRestore());

    const logged = lines.join('\n');
    expect(logged).toContain('/auth/login');
    for (const secret of [GOOD_PIN, '654321', '730519', token]) expect(logged).not.toContain(secret);
  });
});
