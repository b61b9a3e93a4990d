import { bearer, Harness, IntentDriver, startHarness, SystemFactory } from '../harness';

const LOAD_CLIENT = '+2250200000002';
const LOAD_AGENT = '+2250600000002';

/** The load data (SEED_LOAD_CLIENTS=3, SEED_LOAD_AGENTS=2), seeded by every service for its part. */
export function describeLoadDataScenarios(label: string, factory: SystemFactory): void {
  describe(`load data (${label})`, () => {
    let harness: Harness;

    beforeAll(async () => {
      harness = await startHarness(factory, { SEED_LOAD_CLIENTS: '3', SEED_LOAD_AGENTS: '2' });
    });

    afterAll(async () => {
      await harness?.close();
    });

    it('a load client logs in with PIN 1111 and holds MAIN 10 000 000 XOF', async () => {
      const login = await harness.http().post('/auth/login').send({ phone: '+2250200000003', pin: '1111' });
      expect(login.status).toBe(200);
      const body = login.body as { accessToken: string; user: { id: string; role: string; phone: string } };
      expect(body.user).toEqual({ id: 'usr-load-client-00000003', role: 'CLIENT', phone: '+2250200000003' });

      const wallets = await harness.http().get('/wallets/me').set(bearer(body.accessToken));
      expect(wallets.status).toBe(200);
      expect(wallets.body).toEqual([expect.objectContaining({ kind: 'MAIN', currency: 'XOF', balance: 10_000_000, available: 10_000_000 })]);
    });

    it('a load agent cashes out a load client end to end; the OTP goes to the whitelisted client', async () => {
      const agent = new IntentDriver(harness, await harness.login(LOAD_AGENT, '1234'));
      const created = await agent.createMobile({ amount: 50_000, clientPhone: LOAD_CLIENT });
      expect(created).toMatchObject({
        fees: 500,
        commission: 200,
        agent: { userId: 'usr-load-agent-00000002', phone: LOAD_AGENT },
        client: { userId: 'usr-load-client-00000002', phone: LOAD_CLIENT },
      });

      const done = await agent.toSucceeded(created);

      expect(done.status).toBe('SUCCEEDED');
      const otps = await harness
        .http()
        .get('/sandbox/notifications')
        .query({ intentId: created.id })
        .set(bearer(await harness.token('admin')));
      expect((otps.body as Array<{ kind: string; status: string; to: string }>).filter((record) => record.kind === 'OTP')).toEqual([
        expect.objectContaining({ status: 'SENT', to: LOAD_CLIENT }),
      ]);
      expect((await harness.wallets(LOAD_CLIENT))[0].balance).toBe(10_000_000 - 50_500);
      const agentWallets = await harness.wallets(LOAD_AGENT);
      expect(agentWallets).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'FLOAT', balance: 50_000 }), expect.objectContaining({ kind: 'COMMISSION', balance: 200 })]),
      );
      const report = await harness.reconciliation();
      expect(report.balanced).toBe(true);
      expect(report.intact).toBe(true);
      expect(report.mismatches).toEqual([]);
    });

    it('keeps the demo data alongside', async () => {
      expect(await harness.token('client1')).toEqual(expect.any(String));
      expect((await harness.wallets('+2250100000001'))[0].balance).toBe(500_000);
    });
  });
}
