import { openEventStream } from '../event-stream';
import { bearer, SystemFactory, ErrorResponse, IntentBody, IntentDriver, PHONES, PINS } from '../harness';
import { describeScenarioSession } from '../scenario-session';

/** The HTTP scenarios of the issue; each test starts a fresh system from `factory`. */
export function describeCashOutScenarios(label: string, factory: SystemFactory): void {
  describeScenarioSession(`cash-out end to end (${label})`, factory, (session) => {
    beforeEach(() => session.boot());

    it('CMMS: an operator walks a cash-out to SUCCEEDED with the documented fees, balances and history', async () => {
      const operator = new IntentDriver(session.harness, await session.harness.token('operator'));
      const created = await operator.createCmms(PHONES.agent1, PHONES.client1, 10_000);
      expect(created).toMatchObject({
        status: 'CREATED',
        channel: 'CMMS',
        amount: 10_000,
        currency: 'XOF',
        fees: 250,
        totalDebit: 10_250,
        commission: 100,
        agent: { userId: 'usr-agent-0001', phone: PHONES.agent1 },
        client: { userId: 'usr-client-0001', phone: PHONES.client1 },
        initiatorUserId: 'usr-agent-0001',
        createdBy: 'usr-operator-0002',
      });

      const sent = await operator.expectStep(created.id, 'send-otp');
      expect(sent.status).toBe('OTP_SENT');
      expect(sent.otp).toMatchObject({ channel: 'WHATSAPP', attemptsLeft: 3, resendsLeft: 3 });
      expect(JSON.stringify(sent)).not.toMatch(/"otp":"\d{6}"/);

      const otp = await session.harness.latestOtp(PHONES.client1, created.id);
      expect(otp).toMatch(/^\d{6}$/);
      expect((await operator.expectStep(created.id, 'verify-otp', { otp })).status).toBe('OTP_VERIFIED');
      expect((await operator.expectStep(created.id, 'verify-pin', { pin: PINS.agent })).status).toBe('PIN_VERIFIED');

      const done = await operator.expectStep(created.id, 'confirm');
      expect(done.status).toBe('SUCCEEDED');
      expect(done.transactionId).toEqual(expect.any(String));
      expect(done.history.map((entry) => entry.status)).toEqual(['CREATED', 'OTP_SENT', 'OTP_VERIFIED', 'PIN_VERIFIED', 'PROCESSING', 'SUCCEEDED']);

      const client = await session.harness.wallets(PHONES.client1);
      expect(client).toEqual([expect.objectContaining({ kind: 'MAIN', balance: 489_750, available: 489_750 })]);
      const agent = await session.harness.wallets(PHONES.agent1);
      expect(agent).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'FLOAT', balance: 10_000 }), expect.objectContaining({ kind: 'COMMISSION', balance: 100 })]),
      );

      const fetched = await session.harness
        .http()
        .get(`/intents/${created.id}`)
        .set(bearer(await session.harness.token('admin')));
      expect(fetched.status).toBe(200);
      expect((fetched.body as IntentBody).status).toBe('SUCCEEDED');
    });

    it('CMMS: the client is told of the success with amount, fee, reference and new balance', async () => {
      const admin = new IntentDriver(session.harness, await session.harness.token('admin'));
      const intent = await admin.toSucceeded(await admin.createCmms(PHONES.agent1, PHONES.client1, 5_000));
      expect(intent.status).toBe('SUCCEEDED');
      // The notification follows SUCCEEDED asynchronously (outbox → bus → notifications): wait for it.
      let success: { kind: string; body: string } | undefined;
      for (let attempt = 0; attempt < 50 && !success; attempt += 1) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
        const records = await session.harness
          .http()
          .get('/sandbox/notifications')
          .query({ phone: PHONES.client1, intentId: intent.id })
          .set(bearer(await session.harness.token('admin')));
        success = (records.body as Array<{ kind: string; body: string }>).find((record) => record.kind === 'CASH_OUT_SUCCEEDED');
      }
      expect(success?.body).toContain('5 000 XOF');
      expect(success?.body).toContain('Fee: 100 XOF');
      expect(success?.body).toContain('494 900 XOF');
      expect(success?.body).toContain(intent.referenceId);
    });

    it('one client with OTPs of two intents in flight: each sandbox record names its intent, each OTP verifies its own', async () => {
      const agent1 = new IntentDriver(session.harness, await session.harness.token('agent1'));
      const agent2 = new IntentDriver(session.harness, await session.harness.token('agent2'));
      const first = await agent1.createMobile({ amount: 1_000, clientPhone: PHONES.client1 });
      const second = await agent2.createMobile({ amount: 2_000, clientPhone: PHONES.client1 });
      await Promise.all([agent1.expectStep(first.id, 'send-otp'), agent2.expectStep(second.id, 'send-otp')]);

      const admin = await session.harness.token('admin');
      const records = await session.harness.http().get('/sandbox/notifications').query({ intentId: second.id }).set(bearer(admin));
      expect(records.status).toBe(200);
      const otpRecords = (records.body as Array<{ kind: string; intentId?: string; otp?: string }>).filter((record) => record.kind === 'OTP');
      expect(otpRecords.length).toBeGreaterThan(0);
      expect(otpRecords.every((record) => record.intentId === second.id && /^\d{6}$/.test(record.otp ?? ''))).toBe(true);

      const firstOtp = await session.harness.latestOtp(PHONES.client1, first.id);
      const secondOtp = await session.harness.latestOtp(PHONES.client1, second.id);
      expect((await agent2.expectStep(second.id, 'verify-otp', { otp: secondOtp })).status).toBe('OTP_VERIFIED');
      expect((await agent1.expectStep(first.id, 'verify-otp', { otp: firstOtp })).status).toBe('OTP_VERIFIED');
    });

    it('with no confirm wait, confirm answers the outcome or 202 PROCESSING, never 202 before PROCESSING', async () => {
      await session.close();
      await session.boot({ CONFIRM_WAIT_MS: '0' });
      const agent = new IntentDriver(session.harness, await session.harness.token('agent1'));
      const intent = await agent.toPinVerified(await agent.createMobile({ amount: 10_000, clientPhone: PHONES.client1 }));

      const answer = await agent.step(intent.id, 'confirm');

      expect([200, 202]).toContain(answer.status);
      const body = answer.body as IntentBody;
      expect(body.status).toBe(answer.status === 202 ? 'PROCESSING' : 'SUCCEEDED');
    });

    it('Mobile Pro: an agent cashes out a client by phone, the PIN checked with the agent token', async () => {
      const agent = new IntentDriver(session.harness, await session.harness.token('agent1'));
      const created = await agent.createMobile({ amount: 20_000, clientPhone: PHONES.client1 });
      expect(created).toMatchObject({ channel: 'MOBILE_PRO', fees: 250, commission: 100, createdBy: 'usr-agent-0001' });
      const done = await agent.toSucceeded(created);
      expect(done.status).toBe('SUCCEEDED');
      const client = await session.harness.wallets(PHONES.client1);
      expect(client[0].balance).toBe(500_000 - 20_250);
    });

    it('Mobile Pro: a client QR token opens an intent once; the same token twice is refused', async () => {
      const clientToken = await session.harness.token('client1');
      const qr = await session.harness.http().post('/customers/me/qr-token').set(bearer(clientToken));
      expect(qr.status).toBe(201);
      const { qrToken } = qr.body as { qrToken: string };

      const agent = new IntentDriver(session.harness, await session.harness.token('agent1'));
      const created = await agent.createMobile({ amount: 1_000, clientQrToken: qrToken });
      expect(created.client.phone).toBe(PHONES.client1);
      expect((await agent.toSucceeded(created)).status).toBe('SUCCEEDED');

      const reused = await session.harness.http().post('/intents').set(bearer(agent.token)).send({ amount: 1_000, clientQrToken: qrToken });
      expect(reused.status).toBe(400);
      expect((reused.body as ErrorResponse).error.code).toBe('VALIDATION_FAILED');
    });

    it('lists an agent its own intents only, newest first, with a cursor', async () => {
      const agent1 = new IntentDriver(session.harness, await session.harness.token('agent1'));
      const agent2 = new IntentDriver(session.harness, await session.harness.token('agent2'));
      const first = await agent1.createMobile({ amount: 1_000, clientPhone: PHONES.client1 });
      const second = await agent1.createMobile({ amount: 2_000, clientPhone: PHONES.client1 });
      await agent2.createMobile({ amount: 3_000, clientPhone: PHONES.client1 });

      const page1 = await session.harness.http().get('/intents').query({ limit: 1 }).set(bearer(agent1.token));
      expect(page1.status).toBe(200);
      const body1 = page1.body as { items: IntentBody[]; nextCursor: string | null };
      expect(body1.items.map((item) => item.id)).toEqual([second.id]);
      const page2 = await session.harness.http().get('/intents').query({ limit: 1, cursor: body1.nextCursor }).set(bearer(agent1.token));
      const body2 = page2.body as { items: IntentBody[]; nextCursor: string | null };
      expect(body2.items.map((item) => item.id)).toEqual([first.id]);
      expect(body2.nextCursor).toBeNull();

      const all = await session.harness
        .http()
        .get('/intents')
        .set(bearer(await session.harness.token('admin')));
      expect((all.body as { items: IntentBody[] }).items).toHaveLength(3);
    });

    it('creating with an Idempotency-Key twice returns the first intent; another body with the key is refused', async () => {
      const agent = await session.harness.token('agent1');
      const send = (body: object) => session.harness.http().post('/intents').set(bearer(agent)).set('Idempotency-Key', 'create-key-1').send(body);
      const first = await send({ amount: 1_000, clientPhone: PHONES.client1 });
      const again = await send({ amount: 1_000, clientPhone: PHONES.client1 });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect((again.body as IntentBody).id).toBe((first.body as IntentBody).id);
      const other = await send({ amount: 2_000, clientPhone: PHONES.client1 });
      expect(other.status).toBe(409);
      expect((other.body as ErrorResponse).error.code).toBe('IDEMPOTENCY_KEY_REUSED');
      const list = await session.harness.http().get('/intents').set(bearer(agent));
      expect((list.body as { items: unknown[] }).items).toHaveLength(1);
    });

    it('confirm is idempotent: again with its key, or again without, posts nothing more', async () => {
      const agent = new IntentDriver(session.harness, await session.harness.token('agent1'));
      const intent = await agent.toPinVerified(await agent.createMobile({ amount: 10_000, clientPhone: PHONES.client1 }));
      const confirm = () => session.harness.http().post(`/intents/${intent.id}/confirm`).set(bearer(agent.token)).set('Idempotency-Key', 'confirm-1').send();
      const first = await confirm();
      const again = await confirm();
      const plain = await agent.step(intent.id, 'confirm');
      expect(first.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(plain.status).toBe(200);
      expect((plain.body as IntentBody).transactionId).toBe((first.body as IntentBody).transactionId);
      expect((await session.harness.wallets(PHONES.client1))[0].balance).toBe(500_000 - 10_250);
    });

    it('several concurrent confirms of one intent make exactly one transaction', async () => {
      const agent = new IntentDriver(session.harness, await session.harness.token('agent1'));
      const intent = await agent.toPinVerified(await agent.createMobile({ amount: 50_000, clientPhone: PHONES.client1 }));
      const answers = await Promise.all(Array.from({ length: 8 }, () => agent.step(intent.id, 'confirm')));
      for (const answer of answers) expect([200, 202]).toContain(answer.status);
      const ids = new Set(answers.map((answer) => (answer.body as IntentBody).transactionId).filter(Boolean));
      expect(ids.size).toBe(1);
      const final = await session.harness.http().get(`/intents/${intent.id}`).set(bearer(agent.token));
      expect((final.body as IntentBody).status).toBe('SUCCEEDED');
      expect((await session.harness.wallets(PHONES.client1))[0].balance).toBe(500_000 - 50_500);
      expect((await session.harness.wallets(PHONES.agent1)).find((wallet) => wallet.kind === 'FLOAT')?.balance).toBe(50_000);
    });

    it('reports a succeeded CMMS cash-out per agent and day, from the intent events; an agent reads its own only', async () => {
      const operator = new IntentDriver(session.harness, await session.harness.token('operator'));
      const done = await operator.toSucceeded(await operator.createCmms(PHONES.agent1, PHONES.client1, 10_000));
      expect(done.status).toBe('SUCCEEDED');
      const day = done.createdAt.slice(0, 10);
      const path = `/reports/agents/${encodeURIComponent(PHONES.agent1)}/daily?from=${day}&to=${day}`;

      // The report travels on the bus: it follows the ledger shortly after.
      const expected = { day, currency: 'XOF', intents: 1, byStatus: { SUCCEEDED: 1 }, volume: 10_000, fees: 250, commission: 100 };
      let report: { days: Array<Record<string, unknown>> } = { days: [] };
      for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((wait) => setTimeout(wait, 200))) {
        const response = await session.harness
          .http()
          .get(path)
          .set(bearer(await session.harness.token('operator')));
        if (response.status === 200) report = response.body as typeof report;
        if (report.days[0]?.byStatus && (report.days[0].byStatus as Record<string, number>).SUCCEEDED === 1) break;
      }
      expect(report.days).toEqual([expect.objectContaining(expected)]);
      expect(report.days[0].timeInState).toMatchObject({ CREATED: { count: 1 }, PROCESSING: { count: 1 } });

      const own = await session.harness
        .http()
        .get(path)
        .set(bearer(await session.harness.token('agent1')));
      expect(own.status).toBe(200);
      expect(own.body.totals).toEqual([expect.objectContaining({ intents: 1, volume: 10_000, fees: 250, commission: 100 })]);
      const other = await session.harness
        .http()
        .get(path)
        .set(bearer(await session.harness.token('agent2')));
      const unknown = await session.harness
        .http()
        .get(`/reports/agents/%2B2250500000099/daily?from=${day}`)
        .set(bearer(await session.harness.token('admin')));
      expect([other.status, unknown.status]).toEqual([404, 404]);
      expect(other.body.error.code).toBe(unknown.body.error.code);
    });

    it('live stream: a console follows an intent on one gateway while it is driven through the other, CREATED to SUCCEEDED, then the stream ends', async () => {
      const operator = await session.harness.token('operator');
      const admin = await session.harness.token('admin');
      const agent2 = await session.harness.token('agent2');
      const created = (
        await session.harness.http().post('/intents').set(bearer(operator)).send({ agentPhone: PHONES.agent1, clientPhone: PHONES.client1, amount: 10_000 })
      ).body as IntentBody;
      // Another agent's intent is the 404 of an unknown one, before any stream.
      const refused = await openEventStream(session.harness.http, `/intents/${created.id}/events`, agent2);
      expect(refused.status).toBe(404);

      const stream = await openEventStream(session.harness.http, `/intents/${created.id}/events`, operator);
      expect(stream.status).toBe(200);
      expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      // With two gateways taken in turn, the next builder is the other gateway's; skipping the
      // one after keeps every step there, so each transition reaches the stream across instances.
      const other = () => {
        const builder = session.harness.http();
        session.harness.http();
        return builder;
      };
      const step = async (action: string, body: Record<string, unknown> = {}) => {
        const response = await other().post(`/intents/${created.id}/${action}`).set(bearer(operator)).send(body);
        if (response.status !== 200) throw new Error(`${action} answered ${response.status} ${JSON.stringify(response.body)}`);
      };
      const status = (data: string) => (JSON.parse(data) as IntentBody).status;
      expect(status((await stream.reader.nextEvent(15_000))?.data ?? '')).toBe('CREATED');

      await step('send-otp');
      const records = await other().get('/sandbox/notifications').query({ intentId: created.id, limit: 10 }).set(bearer(admin));
      const otp = (records.body as Array<{ kind: string; otp?: string }>).find((record) => record.kind === 'OTP')?.otp;
      await step('verify-otp', { otp });
      await step('verify-pin', { pin: PINS.agent });
      await step('confirm');

      const rest = await stream.reader.eventsUntilEnd(30_000);
      expect(rest.map((event) => event.event)).toEqual(['intent', 'intent', 'intent', 'intent', 'intent']);
      expect(rest.map((event) => status(event.data))).toEqual(['OTP_SENT', 'OTP_VERIFIED', 'PIN_VERIFIED', 'PROCESSING', 'SUCCEEDED']);
      expect(JSON.parse(rest[4].data)).toMatchObject({ id: created.id, status: 'SUCCEEDED', transactionId: expect.any(String) });
    });

    it('answers health, readiness, metrics and the OpenAPI document', async () => {
      expect((await session.harness.http().get('/health')).status).toBe(200);
      expect((await session.harness.http().get('/ready')).status).toBe(200);
      const metrics = await session.harness.http().get('/metrics');
      expect(metrics.status).toBe(200);
      const openapi = await session.harness.http().get('/docs/openapi.json');
      expect(openapi.status).toBe(200);
      expect(Object.keys((openapi.body as { paths: object }).paths)).toEqual(
        expect.arrayContaining(['/auth/login', '/intents', '/intents/{id}/confirm', '/ledger/reconciliation']),
      );
    });
  });
}
