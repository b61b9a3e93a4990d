import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { InMemoryMessageBus, MessageFactory, platformRegistry } from '@cashout/platform';
import { Actor, AgentDailyReport, Envelope, IntentView, PayloadOf, TOPICS } from '@cashout/shared-contracts';
import { loadReportingConfig, ReportingModule } from '../src';
import { ApplyIntentEventCommand } from '../src/apply-intent-event/apply-intent-event.command';
import { AGENT, OTHER_AGENT, SUCCEEDED_STEPS, viewOf, viewsAlong } from './intent-views';

const ADMIN: Actor = { userId: 'usr-admin-0001', role: 'ADMIN' };
const DAY = '2026-11-27';

describe('ReportingModule over the bus', () => {
  let app: INestApplicationContext;
  let bus: InMemoryMessageBus;
  const ledger = new MessageFactory('ledger-wallets');
  const gateway = new MessageFactory('gateway');
  let sequence = 0;

  beforeEach(async () => {
    bus = new InMemoryMessageBus({ maxAttempts: 2, backoffMs: () => 1 });
    const config = loadReportingConfig({ APP_ENV: 'test' });
    app = await NestFactory.createApplicationContext(
      ReportingModule.register({ platform: { serviceName: 'reporting', bus, sealKey: config.sealKey }, config, seedDemo: false }),
      { logger: false },
    );
    await app.init();
  });

  afterEach(async () => {
    await bus.stop();
    await app.close();
  });

  const changed = (view: IntentView) =>
    ledger.create(
      'IntentStateChanged',
      { from: view.history.at(-2)?.status, to: view.status, sequence: view.history.length, at: view.history.at(-1)?.at ?? view.updatedAt, intent: view },
      { aggregateId: view.id, correlationId: `c-${view.id}` },
    );

  async function publishViews(views: IntentView[]): Promise<void> {
    for (const view of views) await bus.publish([changed(view)]);
    await bus.idle();
  }

  async function ask(actor: Actor, agentPhone: string, from = DAY, to = DAY): Promise<PayloadOf<'GatewayReply'>> {
    sequence += 1;
    const query = gateway.create('GetAgentDailyReport', { actor, agentPhone, from, to }, { aggregateId: agentPhone, correlationId: `q-${sequence}` });
    await bus.publish([query]);
    await bus.idle();
    const replies = bus
      .records(TOPICS.gatewayReplies)
      .map((record) => record.value as Envelope)
      .filter((envelope) => envelope.correlationId === `q-${sequence}`);
    expect(replies).toHaveLength(1);
    return replies[0].payload as PayloadOf<'GatewayReply'>;
  }

  async function reportOf(actor: Actor, agentPhone: string): Promise<AgentDailyReport> {
    const reply = await ask(actor, agentPhone);
    if (reply.kind !== 'agent-daily-report') throw new Error(`expected a report, got ${JSON.stringify(reply)}`);
    return reply.report;
  }

  it('reports the cash-outs it read on the intent events, by status, with volume, fees and commission', async () => {
    await publishViews(viewsAlong('i-1', SUCCEEDED_STEPS));
    await publishViews(viewsAlong('i-2', SUCCEEDED_STEPS.slice(0, 3)));

    const report = await reportOf(ADMIN, AGENT.phone);

    expect(report.days).toEqual([
      expect.objectContaining({
        day: DAY,
        currency: 'XOF',
        intents: 2,
        byStatus: { SUCCEEDED: 1, OTP_VERIFIED: 1 },
        volume: 10_000,
        fees: 250,
        commission: 100,
      }),
    ]);
  });

  it('serves the intents in each status as the intents_by_status gauge', async () => {
    await publishViews(viewsAlong('i-1', SUCCEEDED_STEPS));
    await publishViews(viewsAlong('i-2', SUCCEEDED_STEPS.slice(0, 3)));

    const gauge = platformRegistry.getSingleMetric('intents_by_status');
    const values = Object.fromEntries(((await gauge?.get())?.values ?? []).map(({ labels, value }) => [String(labels.status), value]));

    expect(values).toMatchObject({ SUCCEEDED: 1, OTP_VERIFIED: 1, CREATED: 0, FAILED: 0 });
  });

  it('counts an intent once when its events arrive twice (a replay), interleaved with other intents', async () => {
    const first = viewsAlong('i-1', SUCCEEDED_STEPS);
    const second = viewsAlong('i-2', SUCCEEDED_STEPS);
    await publishViews(first.flatMap((view, index) => [view, second[index]]));
    await publishViews([...first, ...second]);

    const [day] = (await reportOf(ADMIN, AGENT.phone)).days;

    expect(day).toMatchObject({ intents: 2, byStatus: { SUCCEEDED: 2 }, volume: 20_000, fees: 500, commission: 200 });
    expect(day.timeInState.OTP_SENT).toEqual({ count: 2, totalMs: 60_000 });
  });

  it('skips an event redelivered at a position already applied', async () => {
    const commands = app.get(CommandBus);
    const [created] = viewsAlong('i-1', SUCCEEDED_STEPS);
    const succeeded = viewOf('i-1', SUCCEEDED_STEPS);
    const message = (view: IntentView) => changed(view).envelope as Envelope<'IntentStateChanged', PayloadOf<'IntentStateChanged'>>;

    await commands.execute(new ApplyIntentEventCommand(message(succeeded), { partition: 3, offset: 10 }));
    await commands.execute(new ApplyIntentEventCommand(message(created), { partition: 3, offset: 10 }));
    await commands.execute(new ApplyIntentEventCommand(message(created), { partition: 3, offset: 4 }));

    expect((await reportOf(ADMIN, AGENT.phone)).days[0].byStatus).toEqual({ SUCCEEDED: 1 });
  });

  it("lets an agent read its own report; another agent's phone answers as an unknown one", async () => {
    await publishViews(viewsAlong('i-1', SUCCEEDED_STEPS));
    await publishViews(viewsAlong('i-2', SUCCEEDED_STEPS, { agent: OTHER_AGENT }));

    expect((await reportOf({ userId: AGENT.userId, role: 'AGENT' }, AGENT.phone)).totals[0].intents).toBe(1);
    const other = await ask({ userId: OTHER_AGENT.userId, role: 'AGENT' }, AGENT.phone);
    const unknown = await ask(ADMIN, '+2250500000009');
    expect(other).toEqual({ kind: 'error', error: { code: 'NOT_FOUND', message: `no report for agent ${AGENT.phone}` } });
    expect(unknown).toEqual({ kind: 'error', error: { code: 'NOT_FOUND', message: 'no report for agent +2250500000009' } });
  });

  it('dead-letters an invalid event and goes on with the next', async () => {
    const broken = changed(viewOf('i-1', SUCCEEDED_STEPS));
    await bus.publish([{ ...broken, envelope: { ...broken.envelope, payload: { to: 'SUCCEEDED', intent: { id: 'i-1' } } } }]);
    await publishViews([viewOf('i-2', SUCCEEDED_STEPS)]);

    expect(bus.records(TOPICS.deadLetter)).toHaveLength(1);
    expect((await reportOf(ADMIN, AGENT.phone)).totals[0]).toMatchObject({ intents: 1, volume: 10_000 });
  });
});
