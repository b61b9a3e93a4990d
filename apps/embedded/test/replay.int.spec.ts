import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import mongoose from 'mongoose';
import request from 'supertest';
import { IsolatedStack, startIsolatedStack } from '@cashout/distributed';
import { serviceDatabaseName } from '@cashout/platform/mongo';
import { bearer, Harness, IntentBody, IntentDriver, PHONES, startHarness } from './harness';

jest.setTimeout(300_000);

const REPO_ROOT = resolve(__dirname, '../../..');
const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELED', 'EXPIRED']);

interface ReportDay {
  day: string;
  currency: string;
  intents: number;
  byStatus: Record<string, number>;
  volume: number;
  fees: number;
  commission: number;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * The proof, as an operator meets it: on the distributed stack (two instances of
 * every service), cash-outs run concurrently; both reporting processes are killed and
 * their database is lost; `npm run ops -- replay reporting` rebuilds the read model from
 * the intent events; the restarted service answers reports equal to the ledger's numbers,
 * and goes on from where the replay ended.
 */
describe('replaying the reporting read model on the distributed stack', () => {
  let stack: IsolatedStack;
  let harness: Harness;
  let startedAt: Date;

  beforeAll(async () => {
    harness = await startHarness(async (env) => {
      stack = await startIsolatedStack(env, 2, { label: 'replay' });
      let next = 0;
      return { http: () => request(stack.gatewayUrls[next++ % stack.gatewayUrls.length]), close: () => stack.stop() };
    });
    // Events are stamped by their producers on this machine: from here on they are this run's.
    startedAt = new Date();
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function intentOf(operator: IntentDriver, id: string): Promise<IntentBody> {
    const response = await harness.http().get(`/intents/${id}`).set(bearer(operator.token));
    return response.body as IntentBody;
  }

  async function settle(operator: IntentDriver, id: string): Promise<IntentBody> {
    for (const deadline = Date.now() + 30_000; ; await sleep(200)) {
      const intent = await intentOf(operator, id);
      if (TERMINAL.has(intent.status) || Date.now() > deadline) return intent;
    }
  }

  async function report(agentPhone: string, day: string): Promise<ReportDay[]> {
    const response = await harness
      .http()
      .get(`/reports/agents/${encodeURIComponent(agentPhone)}/daily?from=${day}&to=${day}`)
      .set(bearer(await harness.token('operator')));
    if (response.status !== 200) throw new Error(`report answered ${response.status} ${JSON.stringify(response.body)}`);
    return (response.body as { days: ReportDay[] }).days;
  }

  /** Waits until the agent's report counts its intents by status as `byStatus` says. */
  async function reportWhen(agentPhone: string, day: string, byStatus: Record<string, number>): Promise<ReportDay[]> {
    let days: ReportDay[] = [];
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(250)) {
      days = await report(agentPhone, day);
      if (JSON.stringify(days[0]?.byStatus ?? {}) === JSON.stringify(byStatus)) return days;
    }
    return days;
  }

  const countByStatus = (intents: IntentBody[]) => {
    const byStatus: Record<string, number> = {};
    for (const { status } of [...intents].sort((a, b) => a.status.localeCompare(b.status))) byStatus[status] = (byStatus[status] ?? 0) + 1;
    return byStatus;
  };

  /** The ledger's side for one agent: its wallets, and the intents it owns. */
  async function ledgerFigures(agentPhone: string, intents: IntentBody[]) {
    const wallets = await harness.wallets(agentPhone);
    const succeeded = intents.filter((intent) => intent.status === 'SUCCEEDED');
    return {
      intents: intents.length,
      byStatus: countByStatus(intents),
      volume: wallets.find((wallet) => wallet.kind === 'FLOAT')?.balance,
      commission: wallets.find((wallet) => wallet.kind === 'COMMISSION')?.balance,
      fees: succeeded.reduce((sum, intent) => sum + intent.fees, 0),
      sumOfAmounts: succeeded.reduce((sum, intent) => sum + intent.amount, 0),
    };
  }

  function runOps(args: string[]) {
    return spawnSync(process.execPath, [resolve(REPO_ROOT, 'apps/ops/dist/src/main.js'), ...args], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        ...process.env,
        KAFKA_BROKERS: stack.infra.kafkaBrokers.join(','),
        MONGO_URL: stack.infra.mongoUrl,
        BUS_GROUP_PREFIX: stack.infra.groupPrefix,
      },
    });
  }

  it('rebuilds reports equal to the ledger after the service and its data are lost', async () => {
    const operator = new IntentDriver(harness, await harness.token('operator'));
    // Concurrent cash-outs of two agents: three succeed, one is canceled, and one stays open
    // (PIN_VERIFIED) when its confirm is refused on the client's balance (2 000 on client2's wallet).
    const plans: Array<{ agent: string; client: string; amount: number; end: 'confirm' | 'cancel' }> = [
      { agent: PHONES.agent1, client: PHONES.client1, amount: 10_000, end: 'confirm' },
      { agent: PHONES.agent1, client: PHONES.client1, amount: 25_000, end: 'confirm' },
      { agent: PHONES.agent2, client: PHONES.client1, amount: 40_000, end: 'confirm' },
      { agent: PHONES.agent2, client: PHONES.client2, amount: 10_000, end: 'confirm' },
      { agent: PHONES.agent1, client: PHONES.client2, amount: 1_000, end: 'cancel' },
    ];
    const ran = await Promise.all(
      plans.map(async (plan) => {
        const created = await operator.createCmms(plan.agent, plan.client, plan.amount);
        if (plan.end === 'cancel') await operator.expectStep(created.id, 'cancel', { reason: 'client left' });
        else {
          await operator.toPinVerified(created);
          const confirmed = await operator.step(created.id, 'confirm');
          if (confirmed.status === 422 || confirmed.status === 409) return intentOf(operator, created.id);
        }
        return settle(operator, created.id);
      }),
    );
    expect(ran.map((intent) => intent.status).sort()).toEqual(['CANCELED', 'PIN_VERIFIED', 'SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    const day = ran[0].createdAt.slice(0, 10);

    // Its timeline, off every topic: the whole path of a succeeded intent across services.
    const succeeded = ran.find((intent) => intent.status === 'SUCCEEDED') as IntentBody;
    const timeline = runOps(['timeline', succeeded.id, '--json']);
    expect(timeline.status).toBe(0);
    const entries = (JSON.parse(timeline.stdout) as { entries: Array<{ producer: string; type: string; status?: string }> }).entries;
    expect(new Set(entries.map((entry) => entry.producer))).toEqual(new Set(['gateway', 'ledger-wallets', 'risk-engine', 'customer', 'auth', 'notifications']));
    expect(entries.filter((entry) => entry.type === 'IntentStateChanged').map((entry) => entry.status)).toEqual([
      'CREATED',
      'OTP_SENT',
      'OTP_VERIFIED',
      'PIN_VERIFIED',
      'PROCESSING',
      'SUCCEEDED',
    ]);
    const ofAgent = (phone: string) => ran.filter((intent) => intent.agent.phone === phone);
    const before = {
      agent1: await reportWhen(PHONES.agent1, day, countByStatus(ofAgent(PHONES.agent1))),
      agent2: await reportWhen(PHONES.agent2, day, countByStatus(ofAgent(PHONES.agent2))),
    };

    // Both reporting processes die, and their database is lost with them.
    for (const handle of stack.processes.filter((process) => process.name === 'reporting')) {
      const exited = new Promise((done) => handle.child.once('exit', done));
      handle.child.kill('SIGKILL');
      await exited;
    }
    const server = await mongoose.createConnection(stack.infra.mongoUrl).asPromise();
    try {
      await server.useDb(serviceDatabaseName(stack.infra.mongoUrl, 'reporting')).dropDatabase();
    } finally {
      await server.close();
    }

    // The group keeps its dead members until their sessions time out: the replay refuses meanwhile.
    let replay = runOps(['replay', 'reporting', '--since', startedAt.toISOString(), '--json']);
    for (const deadline = Date.now() + 60_000; replay.status === 1 && replay.stderr.includes('active member') && Date.now() < deadline;) {
      await sleep(1_000);
      replay = runOps(['replay', 'reporting', '--since', startedAt.toISOString(), '--json']);
    }
    expect({ status: replay.status, stderr: replay.status === 0 ? '' : replay.stderr }).toEqual({ status: 0, stderr: '' });
    const result = JSON.parse(replay.stdout) as {
      diff: { served: number; rebuilt: number; added: string[] };
      events: { applied: number; invalid: number };
      installed: { copy: string };
    };
    expect(result.diff.served).toBe(0);
    expect(result.diff.rebuilt).toBe(ran.length);
    expect(result.diff.added.sort()).toEqual(ran.map((intent) => intent.id).sort());
    expect(result.events.invalid).toBe(0);
    expect(result.installed.copy).toMatch(/^intents_\d+$/);

    await stack.restart('reporting', 0);
    await stack.restart('reporting', 1);
    for (const phone of [PHONES.agent1, PHONES.agent2]) {
      const intents = ofAgent(phone);
      const days = await reportWhen(phone, day, countByStatus(intents));
      const ledger = await ledgerFigures(phone, intents);
      expect(days).toEqual([
        expect.objectContaining({
          day,
          currency: 'XOF',
          intents: ledger.intents,
          byStatus: ledger.byStatus,
          volume: ledger.volume,
          fees: ledger.fees,
          commission: ledger.commission,
        }),
      ]);
      expect(ledger.volume).toBe(ledger.sumOfAmounts);
    }
    // Time in each state included: the rebuilt reports are the ones served before the loss.
    expect(await report(PHONES.agent1, day)).toEqual(before.agent1);
    expect(await report(PHONES.agent2, day)).toEqual(before.agent2);

    // The group resumes where the replay ended: a cash-out after it is counted once.
    const after = await settle(operator, (await operator.toSucceeded(await operator.createCmms(PHONES.agent1, PHONES.client1, 5_000))).id);
    expect(after.status).toBe('SUCCEEDED');
    const agent1 = [...ofAgent(PHONES.agent1), after];
    const ledger = await ledgerFigures(PHONES.agent1, agent1);
    expect(await reportWhen(PHONES.agent1, day, countByStatus(agent1))).toEqual([
      expect.objectContaining({ intents: agent1.length, volume: ledger.volume, fees: ledger.fees, commission: ledger.commission }),
    ]);
    const reconciliation = await harness.reconciliation();
    expect({ balanced: reconciliation.balanced, intact: reconciliation.intact }).toEqual({ balanced: true, intact: true });
  });
});
