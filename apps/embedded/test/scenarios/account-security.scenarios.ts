import { bearer, SystemFactory, ErrorResponse, PHONES, PINS } from '../harness';
import { describeScenarioSession } from '../scenario-session';

const codeOf = (body: unknown) => (body as ErrorResponse).error.code;
const detailsOf = (body: unknown) => (body as ErrorResponse).error.details as Record<string, unknown>;

/**
 * The account-security scenarios: what a lock does to the tokens issued before it and who is
 * told, and the abuse budgets across intents (open intents, OTP sends). Each test starts a
 * fresh system from `factory`; the journal must be intact and balanced after each.
 */
export function describeAccountSecurityScenarios(label: string, factory: SystemFactory): void {
  describeScenarioSession(`account security end to end (${label})`, factory, (session) => {
    const { boot, cmms, getIntent } = session;

    /** The status of the agent's own intent list with `token`, once it settles on `expected` (revocation travels on the bus). */
    async function listStatusSettling(token: string, expected: number): Promise<number> {
      let status = 0;
      for (let i = 0; i < 50 && status !== expected; i += 1) {
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, 100));
        status = (await session.harness.http().get('/intents').set(bearer(token))).status;
      }
      return status;
    }

    it('a lock revokes the tokens issued before it, and so does lifting it', async () => {
      await boot();
      const before = await session.harness.login(PHONES.agent2, PINS.agent);
      expect((await session.harness.http().get('/intents').set(bearer(before))).status).toBe(200);
      for (let i = 0; i < 3; i += 1) await session.harness.http().post('/auth/login').send({ phone: PHONES.agent2, pin: '9999' });
      const revoked = await listStatusSettling(before, 401);
      expect(revoked).toBe(401);
      const refused = await session.harness.http().post('/intents').set(bearer(before)).send({ amount: 5_000, clientPhone: PHONES.client1 });
      expect(refused.status).toBe(401);
      expect((refused.body as ErrorResponse).error.message).toMatch(/revoked/);

      expect(
        (
          await session.harness
            .http()
            .post('/users/usr-agent-0002/unlock')
            .set(bearer(await session.harness.token('admin')))
        ).status,
      ).toBe(200);
      const after = await session.harness.login(PHONES.agent2, PINS.agent);
      expect((await session.harness.http().get('/intents').set(bearer(after))).status).toBe(200);
      expect((await session.harness.http().get('/intents').set(bearer(before))).status).toBe(401);
      // Other users' tokens are untouched.
      expect(
        (
          await session.harness
            .http()
            .get('/intents')
            .set(bearer(await session.harness.token('agent1')))
        ).status,
      ).toBe(200);
    });

    it('a lock is told to the agent on their phone: ACCESS_LOCKED in the sandbox log', async () => {
      await boot();
      for (let i = 0; i < 3; i += 1) await session.harness.http().post('/auth/login').send({ phone: PHONES.agent2, pin: '9999' });
      const admin = await session.harness.token('admin');
      let notices: Array<{ kind: string; body: string }> = [];
      // The notice travels on the bus (auth → notifications): poll briefly.
      for (let i = 0; i < 50 && notices.length === 0; i += 1) {
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, 100));
        const response = await session.harness.http().get('/sandbox/notifications?phone=%2B2250500000002').set(bearer(admin));
        notices = (response.body as Array<{ kind: string; body: string }>).filter((record) => record.kind === 'ACCESS_LOCKED');
      }
      expect(notices.length).toBeGreaterThan(0);
      expect(notices[0].body).toMatch(/PIN was locked after too many wrong attempts; it unlocks at \d{2}:\d{2} UTC/);
    });

    it("a client's fourth open intent is refused with BUDGET_EXHAUSTED (429, Retry-After) until one ends", async () => {
      await boot();
      const driver = await cmms();
      const open = [];
      for (let i = 0; i < 3; i += 1) open.push(await driver.createCmms(PHONES.agent1, PHONES.client1, 5_000));
      const refused = await session.harness
        .http()
        .post('/intents')
        .set(bearer(await session.harness.token('operator')))
        .send({ agentPhone: PHONES.agent2, clientPhone: PHONES.client1, amount: 5_000 });
      expect(refused.status).toBe(429);
      expect(codeOf(refused.body)).toBe('BUDGET_EXHAUSTED');
      expect(detailsOf(refused.body)).toMatchObject({ budget: 'OPEN_INTENTS_PER_CLIENT' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // Another client is not held back.
      expect((await driver.createCmms(PHONES.agent1, PHONES.tier1, 5_000)).status).toBe('CREATED');

      await driver.expectStep(open[0].id, 'cancel');
      let again = refused;
      for (let i = 0; i < 50 && again.status !== 201; i += 1) {
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, 100));
        again = await session.harness
          .http()
          .post('/intents')
          .set(bearer(await session.harness.token('operator')))
          .send({ agentPhone: PHONES.agent2, clientPhone: PHONES.client1, amount: 5_000 });
      }
      expect(again.status).toBe(201);
      // Each gateway counts its own refusals, and requests take turns across the gateways: read them all.
      const scrapes = await Promise.all([0, 1, 2].map(async () => (await session.harness.http().get('/metrics')).text));
      expect(scrapes.join('\n')).toMatch(/gateway_budget_refusals_total\{budget="OPEN_INTENTS_PER_CLIENT"\} [1-9]/);
    });

    it('a locked PIN is lifted by an ADMIN, not by an OPERATOR, and the agent logs in again', async () => {
      await boot();
      for (let i = 0; i < 3; i += 1) await session.harness.http().post('/auth/login').send({ phone: PHONES.agent2, pin: '9999' });
      expect((await session.harness.http().post('/auth/login').send({ phone: PHONES.agent2, pin: PINS.agent })).status).toBe(423);

      const byOperator = await session.harness
        .http()
        .post('/users/usr-agent-0002/unlock')
        .set(bearer(await session.harness.token('operator')));
      expect(byOperator.status).toBe(403);
      const byAdmin = await session.harness
        .http()
        .post('/users/usr-agent-0002/unlock')
        .set(bearer(await session.harness.token('admin')));
      expect(byAdmin.status).toBe(200);
      expect(byAdmin.body).toEqual({ user: { id: 'usr-agent-0002', role: 'AGENT', phone: PHONES.agent2 }, wasLocked: true });

      expect((await session.harness.http().post('/auth/login').send({ phone: PHONES.agent2, pin: PINS.agent })).status).toBe(200);
      const unknown = await session.harness
        .http()
        .post('/users/usr-nobody/unlock')
        .set(bearer(await session.harness.token('admin')));
      expect(unknown.status).toBe(404);
    });

    it("OTP sends beyond the client's budget across intents are refused with BUDGET_EXHAUSTED; the intent stays usable", async () => {
      await boot({ OTP_SENDS_PER_CLIENT: '3' });
      const driver = await cmms();
      const first = await driver.createCmms(PHONES.agent1, PHONES.client1, 5_000);
      await driver.expectStep(first.id, 'send-otp');
      await driver.expectStep(first.id, 'send-otp');
      const second = await driver.createCmms(PHONES.agent2, PHONES.client1, 5_000);
      await driver.expectStep(second.id, 'send-otp');
      const refused = await driver.step(second.id, 'send-otp');
      expect(refused.status).toBe(429);
      expect(codeOf(refused.body)).toBe('BUDGET_EXHAUSTED');
      expect(detailsOf(refused.body)).toMatchObject({ budget: 'OTP_SENDS_PER_CLIENT' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // The refused send changed nothing: the OTP already sent still completes the cash-out.
      expect((await getIntent(second.id)).status).toBe('OTP_SENT');
      await driver.expectStep(second.id, 'verify-otp', { otp: await session.harness.latestOtp(PHONES.client1, second.id) });
      await driver.expectStep(second.id, 'verify-pin', { pin: PINS.agent });
      expect((await driver.expectStep(second.id, 'confirm')).status).toBe('SUCCEEDED');
    });
  });
}
