import { bearer, SystemFactory, ErrorResponse, IntentDriver, PHONES, PINS } from '../harness';
import { describeScenarioSession } from '../scenario-session';

const codeOf = (body: unknown) => (body as ErrorResponse).error.code;
const detailsOf = (body: unknown) => (body as ErrorResponse).error.details as Record<string, unknown>;

/** The HTTP scenarios of the issue; each test starts a fresh system from `factory`. */
export function describeRefusalScenarios(label: string, factory: SystemFactory): void {
  describeScenarioSession(`refusals end to end (${label})`, factory, (session) => {
    const { boot, cmms, getIntent } = session;

    it('a wrong OTP three times exhausts it; even the right OTP is then refused', async () => {
      await boot();
      const driver = await cmms();
      const intent = await driver.createCmms(PHONES.agent1, PHONES.client1, 5_000);
      await driver.expectStep(intent.id, 'send-otp');
      const right = await session.harness.latestOtp(PHONES.client1, intent.id);
      const wrong = right === '000000' ? '111111' : '000000';
      const left: unknown[] = [];
      for (let i = 0; i < 3; i += 1) {
        const answer = await driver.step(intent.id, 'verify-otp', { otp: wrong });
        expect(answer.status).toBe(422);
        expect(codeOf(answer.body)).toBe('OTP_INVALID');
        left.push(detailsOf(answer.body).attemptsLeft);
      }
      expect(left).toEqual([2, 1, 0]);
      const late = await driver.step(intent.id, 'verify-otp', { otp: right });
      expect(late.status).toBe(422);
      expect(codeOf(late.body)).toBe('OTP_INVALID');
      expect((await getIntent(intent.id)).status).toBe('OTP_SENT');
      expect((await session.harness.wallets(PHONES.client1))[0].balance).toBe(500_000);
    });

    it('resending beyond the limit is refused; with tries and resends used up the intent is canceled', async () => {
      await boot();
      const driver = await cmms();
      const intent = await driver.createCmms(PHONES.agent1, PHONES.client1, 5_000);
      await driver.expectStep(intent.id, 'send-otp');
      for (let resend = 1; resend <= 3; resend += 1) {
        const answer = await driver.expectStep(intent.id, 'send-otp');
        expect(answer.otp?.resendsLeft).toBe(3 - resend);
      }
      const beyond = await driver.step(intent.id, 'send-otp');
      expect(beyond.status).toBe(422);
      expect(codeOf(beyond.body)).toBe('OTP_RESEND_LIMIT');

      const right = await session.harness.latestOtp(PHONES.client1, intent.id);
      const wrong = right === '000000' ? '111111' : '000000';
      for (let i = 0; i < 3; i += 1) await driver.step(intent.id, 'verify-otp', { otp: wrong });
      const final = await getIntent(intent.id);
      expect(final.status).toBe('CANCELED');
      expect(final.failureReason).toBe('OTP_ATTEMPTS_EXHAUSTED');
    });

    it('a new OTP invalidates the previous one', async () => {
      await boot();
      const driver = await cmms();
      const intent = await driver.createCmms(PHONES.agent1, PHONES.client1, 5_000);
      await driver.expectStep(intent.id, 'send-otp');
      const first = await session.harness.latestOtp(PHONES.client1, intent.id);
      await driver.expectStep(intent.id, 'send-otp');
      const second = await session.harness.latestOtp(PHONES.client1, intent.id);
      if (first !== second) {
        const stale = await driver.step(intent.id, 'verify-otp', { otp: first });
        expect(stale.status).toBe(422);
      }
      expect((await driver.expectStep(intent.id, 'verify-otp', { otp: second })).status).toBe('OTP_VERIFIED');
    });

    it('re-sending inside the cooldown is refused with the time to wait', async () => {
      await boot({ OTP_RESEND_COOLDOWN_SECONDS: '30' });
      const driver = await cmms();
      const intent = await driver.createCmms(PHONES.agent1, PHONES.client1, 5_000);
      await driver.expectStep(intent.id, 'send-otp');
      const soon = await driver.step(intent.id, 'send-otp');
      expect(soon.status).toBe(422);
      expect(codeOf(soon.body)).toBe('OTP_RESEND_TOO_SOON');
      expect(detailsOf(soon.body).retryAfterSeconds).toEqual(expect.any(Number));
    });

    it("three wrong PINs lock the agent's PIN, cancel the intent and block the agent's login", async () => {
      await boot();
      const driver = await cmms();
      const intent = await driver.toOtpVerified(await driver.createCmms(PHONES.agent2, PHONES.client1, 5_000));
      const first = await driver.step(intent.id, 'verify-pin', { pin: '9999' });
      expect(first.status).toBe(422);
      expect(codeOf(first.body)).toBe('PIN_INVALID');
      expect(detailsOf(first.body).attemptsLeft).toBe(2);
      const second = await driver.step(intent.id, 'verify-pin', { pin: '9999' });
      expect(detailsOf(second.body).attemptsLeft).toBe(1);
      const third = await driver.step(intent.id, 'verify-pin', { pin: '9999' });
      expect(third.status).toBe(423);
      expect(codeOf(third.body)).toBe('PIN_LOCKED');
      const final = await getIntent(intent.id);
      expect(final.status).toBe('CANCELED');
      expect(final.failureReason).toBe('PIN_LOCKED');
      const login = await session.harness.http().post('/auth/login').send({ phone: PHONES.agent2, pin: PINS.agent });
      expect(login.status).toBe(423);
      expect(codeOf(login.body)).toBe('PIN_LOCKED');
      expect((login.body as { error: { message: string } }).error.message).toMatch(/unlocks at \d{4}-\d{2}-\d{2}T/);
    });

    it('a right PIN after a wrong one resets the count', async () => {
      await boot();
      const driver = await cmms();
      const intent = await driver.toOtpVerified(await driver.createCmms(PHONES.agent1, PHONES.client1, 5_000));
      await driver.step(intent.id, 'verify-pin', { pin: '9999' });
      expect((await driver.expectStep(intent.id, 'verify-pin', { pin: PINS.agent })).status).toBe('PIN_VERIFIED');
    });

    it.each(['CREATED', 'OTP_SENT', 'OTP_VERIFIED'])('cancels from %s', async (from) => {
      await boot();
      const driver = await cmms();
      const intent = await driver.createCmms(PHONES.agent1, PHONES.client1, 5_000);
      if (from !== 'CREATED') await driver.expectStep(intent.id, 'send-otp');
      if (from === 'OTP_VERIFIED') await driver.expectStep(intent.id, 'verify-otp', { otp: await session.harness.latestOtp(PHONES.client1, intent.id) });
      const canceled = await driver.expectStep(intent.id, 'cancel', { reason: 'client left' });
      expect(canceled.status).toBe('CANCELED');
      expect(canceled.history[canceled.history.length - 1]).toMatchObject({ status: 'CANCELED', reason: 'client left' });
    });

    it.each(['PIN_VERIFIED', 'SUCCEEDED', 'CANCELED'])('refuses to cancel from %s with INVALID_STATE naming it', async (from) => {
      await boot();
      const driver = await cmms();
      const intent = await driver.createCmms(PHONES.agent1, PHONES.client1, 5_000);
      if (from === 'PIN_VERIFIED') await driver.toPinVerified(intent);
      if (from === 'SUCCEEDED') await driver.toSucceeded(intent);
      if (from === 'CANCELED') await driver.expectStep(intent.id, 'cancel');
      const refused = await driver.step(intent.id, 'cancel');
      expect(refused.status).toBe(409);
      expect(codeOf(refused.body)).toBe('INVALID_STATE');
      expect(detailsOf(refused.body).status).toBe(from);
      expect((await getIntent(intent.id)).status).toBe(from);
    });

    it('refuses steps out of order with INVALID_STATE', async () => {
      await boot();
      const driver = await cmms();
      const intent = await driver.createCmms(PHONES.agent1, PHONES.client1, 5_000);
      const early = await driver.step(intent.id, 'confirm');
      expect(early.status).toBe(409);
      expect(detailsOf(early.body)).toMatchObject({ status: 'CREATED' });
      expect(codeOf((await driver.step(intent.id, 'verify-pin', { pin: PINS.agent })).body)).toBe('INVALID_STATE');
      expect(codeOf((await driver.step(intent.id, 'verify-otp', { otp: '123456' })).body)).toBe('INVALID_STATE');
    });

    it('expires an intent past its deadline, releasing everything, and refuses further steps', async () => {
      await boot({ INTENT_TTL_SECONDS: '4', EXPIRY_SWEEP_INTERVAL_MS: '100' });
      const driver = await cmms();
      const intent = await driver.toPinVerified(await driver.createCmms(PHONES.agent1, PHONES.client1, 5_000));
      const expiresAt = new Date((await getIntent(intent.id)).expiresAt).getTime();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now()) + 1_500));
      const final = await getIntent(intent.id);
      expect(final.status).toBe('EXPIRED');
      const refused = await driver.step(intent.id, 'confirm');
      expect(refused.status).toBe(409);
      const [main] = await session.harness.wallets(PHONES.client1);
      expect(main).toMatchObject({ balance: 500_000, available: 500_000 });
    });

    it('insufficient funds refuse the confirm and leave the intent PIN_VERIFIED with nothing held', async () => {
      await boot();
      const driver = await cmms();
      const intent = await driver.toPinVerified(await driver.createCmms(PHONES.agent1, PHONES.client2, 1_950));
      const refused = await driver.step(intent.id, 'confirm');
      expect(refused.status).toBe(422);
      expect(codeOf(refused.body)).toBe('INSUFFICIENT_FUNDS');
      expect((await getIntent(intent.id)).status).toBe('PIN_VERIFIED');
      expect((await session.harness.wallets(PHONES.client2))[0]).toMatchObject({ balance: 2_000, available: 2_000 });
    });

    it('the whole balance can go out when it covers amount + fee exactly', async () => {
      await boot();
      const driver = await cmms();
      const done = await driver.toSucceeded(await driver.createCmms(PHONES.agent1, PHONES.client2, 1_900));
      expect(done.status).toBe('SUCCEEDED');
      expect((await session.harness.wallets(PHONES.client2))[0].balance).toBe(0);
    });

    it.each([
      ['a suspended client', PHONES.suspended, 5_000, 'CUSTOMER_SUSPENDED'],
      ['below the minimum', PHONES.client1, 400, 'AMOUNT_BELOW_MINIMUM'],
      ['above the tier-1 maximum', PHONES.tier1, 150_000, 'AMOUNT_ABOVE_MAXIMUM'],
    ])('the risk engine refuses %s at creation', async (_label, clientPhone, amount, reason) => {
      await boot();
      const operator = await session.harness.token('operator');
      const refused = await session.harness.http().post('/intents').set(bearer(operator)).send({ agentPhone: PHONES.agent1, clientPhone, amount });
      expect(refused.status).toBe(422);
      expect(codeOf(refused.body)).toBe('RISK_DENIED');
      expect(detailsOf(refused.body).reasons).toContain(reason);
    });

    it('the daily limit refuses a cash-out that would pass it', async () => {
      await boot();
      const driver = await cmms();
      await driver.toSucceeded(await driver.createCmms(PHONES.agent1, PHONES.tier1, 100_000));
      await driver.toSucceeded(await driver.createCmms(PHONES.agent1, PHONES.tier1, 100_000));
      const refused = await session.harness
        .http()
        .post('/intents')
        .set(bearer(driver.token))
        .send({ agentPhone: PHONES.agent1, clientPhone: PHONES.tier1, amount: 500 });
      expect(refused.status).toBe(422);
      expect(detailsOf(refused.body).reasons).toContain('DAILY_LIMIT_EXCEEDED');
    });

    it('velocity: the eleventh cash-out within the hour is refused', async () => {
      await boot();
      const driver = await cmms();
      for (let i = 0; i < 10; i += 1) await driver.toSucceeded(await driver.createCmms(PHONES.agent1, PHONES.client1, 1_000));
      const refused = await session.harness
        .http()
        .post('/intents')
        .set(bearer(driver.token))
        .send({ agentPhone: PHONES.agent1, clientPhone: PHONES.client1, amount: 1_000 });
      expect(refused.status).toBe(422);
      expect(detailsOf(refused.body).reasons).toContain('HOURLY_VELOCITY_EXCEEDED');
    });

    it('an agent who sends agentPhone is refused', async () => {
      await boot();
      const agent = await session.harness.token('agent1');
      const refused = await session.harness
        .http()
        .post('/intents')
        .set(bearer(agent))
        .send({ agentPhone: PHONES.agent2, clientPhone: PHONES.client1, amount: 5_000 });
      expect(refused.status).toBe(403);
      expect(codeOf(refused.body)).toBe('FORBIDDEN');
    });

    it("an agent cannot read or drive another agent's intent, nor tell it from one that does not exist", async () => {
      await boot();
      const owner = new IntentDriver(session.harness, await session.harness.token('agent1'));
      const intent = await owner.createMobile({ amount: 5_000, clientPhone: PHONES.client1 });
      const intruder = new IntentDriver(session.harness, await session.harness.token('agent2'));
      for (const action of ['send-otp', 'cancel', 'confirm']) {
        const refused = await intruder.step(intent.id, action);
        expect(refused.status).toBe(404);
        expect(codeOf(refused.body)).toBe('NOT_FOUND');
      }
      const read = await session.harness.http().get(`/intents/${intent.id}`).set(bearer(intruder.token));
      const unknownId = '00000000-0000-4000-8000-000000000000';
      const unknown = await session.harness.http().get(`/intents/${unknownId}`).set(bearer(intruder.token));
      expect([read.status, unknown.status]).toEqual([404, 404]);
      expect((read.body as { error: { message: string } }).error.message).toBe(`intent ${intent.id} not found`);
      expect((unknown.body as { error: { message: string } }).error.message).toBe(`intent ${unknownId} not found`);
      expect((await getIntent(intent.id)).status).toBe('CREATED');
    });

    it('a client cannot open intents and unknown intents are 404', async () => {
      await boot();
      const client = await session.harness.token('client1');
      const refused = await session.harness.http().post('/intents').set(bearer(client)).send({ amount: 5_000, clientPhone: PHONES.client1 });
      expect(refused.status).toBe(403);
      const admin = await session.harness.token('admin');
      const missing = await session.harness.http().post('/intents/00000000-0000-4000-8000-000000000000/send-otp').set(bearer(admin));
      expect(missing.status).toBe(404);
    });

    it('requests without a valid token are 401; wrong credentials are 401', async () => {
      await boot();
      expect((await session.harness.http().get('/intents')).status).toBe(401);
      expect((await session.harness.http().get('/intents').set(bearer('not-a-token'))).status).toBe(401);
      const login = await session.harness.http().post('/auth/login').send({ phone: PHONES.agent1, pin: '0001' });
      expect(login.status).toBe(401);
      expect(codeOf(login.body)).toBe('INVALID_CREDENTIALS');
    });

    it('malformed and hostile bodies get 4xx naming the problem, never 5xx, and change nothing', async () => {
      await boot();
      const agent = await session.harness.token('agent1');
      const post = (body: string) => session.harness.http().post('/intents').set(bearer(agent)).set('Content-Type', 'application/json').send(body);
      const cases: Array<[string, string | undefined]> = [
        ['{"amount": 5000, "clientPhone": ', 'MALFORMED_JSON'],
        ['[]', 'VALIDATION_FAILED'],
        ['null', undefined],
        ['{"amount": -5, "clientPhone": "+2250100000001"}', 'VALIDATION_FAILED'],
        ['{"amount": 10.5, "clientPhone": "+2250100000001"}', 'VALIDATION_FAILED'],
        ['{"amount": "5000", "clientPhone": "+2250100000001"}', 'VALIDATION_FAILED'],
        ['{"amount": 1e308, "clientPhone": "+2250100000001"}', 'VALIDATION_FAILED'],
        ['{"amount": 5000, "clientPhone": "0100000001"}', 'VALIDATION_FAILED'],
        ['{"amount": 5000, "clientPhone": "+2250100000001", "isAdmin": true}', 'VALIDATION_FAILED'],
        ['{"amount": 5000, "clientPhone": "+2250100000001", "__proto__": {"role": "ADMIN"}}', 'VALIDATION_FAILED'],
        ['{"amount": 5000}', 'VALIDATION_FAILED'],
        [JSON.stringify({ amount: 5000, clientPhone: '+2250100000001', pad: 'x'.repeat(40_000) }), undefined],
        ['{"a":'.repeat(500) + '1' + '}'.repeat(500), undefined],
      ];
      for (const [body, code] of cases) {
        const answer = await post(body);
        expect(answer.status).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
        expect((answer.body as ErrorResponse).error.correlationId).toEqual(expect.any(String));
        if (code) expect(codeOf(answer.body)).toBe(code);
      }
      const amount = await post('{"amount": -5, "clientPhone": "+2250100000001"}');
      expect(JSON.stringify(detailsOf(amount.body))).toContain('amount');
      const list = await session.harness.http().get('/intents').set(bearer(agent));
      expect((list.body as { items: unknown[] }).items).toHaveLength(0);
      const otp = await session.harness.http().post('/intents/x/verify-otp').set(bearer(agent)).send({ otp: 'abc' });
      expect(otp.status).toBe(400);
    });

    it('production has no sandbox log and no demo users', async () => {
      await boot({
        APP_ENV: 'production',
        JWT_SECRET: 'tq3Vb8XkP1zR7mWc9LdN2sYf5HjG0aEo',
        MESSAGE_SEAL_KEY: 'Zp4Kx7Qw2Ev9Rt1Yu6Io3Pa8Sd5Fg0Hj',
        QR_TOKEN_SECRET: 'Lm2Nb4Vc6Xz8Qa0Ws1Ed3Rf5Tg7Yh9Uj',
        HASH_PEPPER: 'Qe5Wr8Ty1Ui4Op7As0Df3Gh6Jk9Lz2Xc',
      });
      const answer = await session.harness.http().get('/sandbox/notifications');
      expect(answer.status).toBe(404);
      expect(codeOf(answer.body)).toBe('NOT_FOUND');
      const demoAdmin = await session.harness.http().post('/auth/login').send({ phone: PHONES.admin, pin: PINS.staff });
      expect(demoAdmin.status).toBe(401);
      // No admin to read the reconciliation with: nothing moved, so it is not checked.
      await session.close();
    });
  });
}
