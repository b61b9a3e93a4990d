import mongoose from 'mongoose';
import request from 'supertest';
import { realServers, uniqueDatabaseUrl } from '@cashout/testkit';
import { EmbeddedSystem, startEmbeddedSystem } from '../src/embedded-system';
import { TEST_ENV } from './harness';

jest.setTimeout(240_000);

const SERVICES = ['auth', 'customer', 'risk-engine', 'notifications', 'ledger-wallets', 'gateway'];

/**
 * Two whole systems start at once on the same MongoDB databases, each on its own in-process
 * bus: every service's load seeding runs twice concurrently against the real store, as two
 * instances of a service do, and must leave each user, profile, wallet and opening entry
 * once. (The distributed stack runs the same scenario on Kafka, but concurrent runs on one
 * broker share its topics, so another run's services may answer its requests.)
 */
describe('load data seeded by two instances at once on MongoDB', () => {
  const mongoUrl = uniqueDatabaseUrl(realServers().mongoUrl, 'loadseed');
  const env = { ...TEST_ENV, MONGO_URL: mongoUrl, SEED_LOAD_CLIENTS: '20', SEED_LOAD_AGENTS: '3' };
  let systems: EmbeddedSystem[] = [];

  beforeAll(async () => {
    const started = await Promise.allSettled([startEmbeddedSystem(env, { logger: false }), startEmbeddedSystem(env, { logger: false })]);
    systems = started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    const failed = started.find((outcome) => outcome.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    // The second system's outbox relays would carry the first one's messages to its own bus:
    // once both have seeded, one system drives the cash-out alone.
    await systems.pop()?.close();
  });

  afterAll(async () => {
    for (const system of systems) await system.close();
    const prefix = new URL(mongoUrl).pathname.slice(1);
    const connection = await mongoose.createConnection(realServers().mongoUrl).asPromise();
    try {
      for (const service of SERVICES) await connection.useDb(`${prefix}-${service}`).dropDatabase();
    } finally {
      await connection.close();
    }
  });

  it('funds each load client once, and a load agent cashes one out end to end', async () => {
    const http = () => request(systems[0].gateway.getHttpServer());
    const login = async (phone: string, pin: string) => {
      const answer = await http().post('/auth/login').send({ phone, pin });
      expect(answer.status).toBe(200);
      return { Authorization: `Bearer ${(answer.body as { accessToken: string }).accessToken}` };
    };
    const admin = await login('+2250700000001', '0000');
    const mains = await Promise.all(
      ['+2250200000001', '+2250200000020'].map(async (phone) => (await http().get('/wallets').query({ phone }).set(admin)).body as Array<{ balance: number }>),
    );
    expect(mains.map((wallets) => wallets.map((wallet) => wallet.balance))).toEqual([[10_000_000], [10_000_000]]);

    const agent = await login('+2250600000003', '1234');
    const created = await http().post('/intents').set(agent).send({ amount: 10_000, clientPhone: '+2250200000020' });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    expect((await http().post(`/intents/${id}/send-otp`).set(agent)).status).toBe(200);
    const records = await http().get('/sandbox/notifications').query({ intentId: id }).set(admin);
    const otp = (records.body as Array<{ kind: string; otp?: string }>).find((record) => record.kind === 'OTP')?.otp;
    expect((await http().post(`/intents/${id}/verify-otp`).set(agent).send({ otp })).status).toBe(200);
    expect((await http().post(`/intents/${id}/verify-pin`).set(agent).send({ pin: '1234' })).status).toBe(200);
    const confirmed = await http().post(`/intents/${id}/confirm`).set(agent);
    expect(confirmed.status).toBe(200);
    expect((confirmed.body as { status: string }).status).toBe('SUCCEEDED');

    const report = (await http().get('/ledger/reconciliation').set(admin)).body as { balanced: boolean; mismatches: unknown[] };
    expect(report).toMatchObject({ balanced: true, mismatches: [] });
  });
});
