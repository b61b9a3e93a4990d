import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InMemoryMessageBus, ManualClock, MessageFactory, SealedBox } from '@cashout/platform';
import { Envelope, MessageType, PayloadOf, TOPICS } from '@cashout/shared-contracts';
import { CustomerModule, loadCustomerConfig } from '../src';

const AGENT = { userId: 'usr-agent-0001', phone: '+2250500000001' };
const CLIENT = { userId: 'usr-client-0001', phone: '+2250100000001' };
const ADMIN = { userId: 'usr-admin-0001', role: 'ADMIN' } as const;

describe('CustomerModule over the bus', () => {
  let app: INestApplicationContext;
  let bus: InMemoryMessageBus;
  let clock: ManualClock;
  const gateway = new MessageFactory('gateway');
  const ledger = new MessageFactory('ledger-wallets');
  let sequence = 0;

  beforeEach(async () => {
    bus = new InMemoryMessageBus({ maxAttempts: 2, backoffMs: () => 1 });
    clock = new ManualClock();
    const config = loadCustomerConfig({ APP_ENV: 'test' });
    app = await NestFactory.createApplicationContext(
      CustomerModule.register({
        platform: { serviceName: 'customer', bus, sealKey: config.sealKey, clock },
        config,
        seedDemo: true,
      }),
      { logger: false },
    );
    await app.init();
  });

  afterEach(async () => {
    await bus.stop();
    await app.close();
  });

  const repliesTo = (topic: string, correlationId: string) =>
    bus
      .records(topic)
      .map((record) => record.value as Envelope)
      .filter((envelope) => envelope.correlationId === correlationId);

  async function send<T extends MessageType>(factory: MessageFactory, type: T, payload: PayloadOf<T>, aggregateId: string) {
    sequence += 1;
    const message = factory.create(type, payload, { aggregateId, correlationId: `corr-${sequence}` });
    await bus.publish([message]);
    await bus.idle();
    return message;
  }

  async function issueQrToken(userId = CLIENT.userId): Promise<string> {
    const request = await send(gateway, 'IssueQrToken', { actor: { userId, role: 'CLIENT' } }, userId);
    const [reply] = repliesTo(TOPICS.gatewayReplies, request.envelope.correlationId);
    const body = reply.payload as PayloadOf<'GatewayReply'>;
    if (body.kind !== 'qr-token') throw new Error(`expected a qr-token reply, got ${body.kind}`);
    return body.qrToken;
  }

  const resolve = (intentId: string, payload: Partial<PayloadOf<'ResolveParties'>>) =>
    send(
      ledger,
      'ResolveParties',
      { intentId, stepId: 'resolve-1', channel: 'MOBILE_PRO', actor: { userId: AGENT.userId, role: 'AGENT' }, ...payload },
      intentId,
    );

  const outcomeOf = (correlationId: string) => repliesTo(TOPICS.customerEvents, correlationId);

  it('resolves a Mobile Pro agent and a client by phone (PartiesResolved)', async () => {
    const request = await resolve('intent-1', { clientPhone: CLIENT.phone });
    const [outcome] = outcomeOf(request.envelope.correlationId);
    expect(outcome.type).toBe('PartiesResolved');
    expect(outcome.causationId).toBe(request.envelope.messageId);
    expect(outcome.aggregateId).toBe('intent-1');
    expect(outcome.payload).toEqual({
      intentId: 'intent-1',
      stepId: 'resolve-1',
      agent: AGENT,
      client: { ...CLIENT, kycTier: 2, status: 'ACTIVE', preferredChannel: 'WHATSAPP' },
    });
  });

  it('resolves the agent an admin names on CMMS', async () => {
    const request = await resolve('intent-2', {
      channel: 'CMMS',
      actor: ADMIN,
      agentPhone: '+2250500000002',
      clientPhone: '+2250100000004',
    });
    const [outcome] = outcomeOf(request.envelope.correlationId);
    expect(outcome.type).toBe('PartiesResolved');
    const payload = outcome.payload as PayloadOf<'PartiesResolved'>;
    expect(payload.agent.userId).toBe('usr-agent-0002');
    expect(payload.client).toMatchObject({ userId: 'usr-client-0004', kycTier: 1 });
  });

  it('passes a suspended client on with its status', async () => {
    const request = await resolve('intent-3', { clientPhone: '+2250100000003' });
    const [outcome] = outcomeOf(request.envelope.correlationId);
    expect((outcome.payload as PayloadOf<'PartiesResolved'>).client.status).toBe('SUSPENDED');
  });

  it('rejects an agent acting as another agent (PartiesRejected FORBIDDEN)', async () => {
    const request = await resolve('intent-4', { agentPhone: '+2250500000002', clientPhone: CLIENT.phone });
    const [outcome] = outcomeOf(request.envelope.correlationId);
    expect(outcome.type).toBe('PartiesRejected');
    expect(outcome.payload).toEqual({
      intentId: 'intent-4',
      stepId: 'resolve-1',
      error: { code: 'FORBIDDEN', message: 'an agent cannot act as another agent' },
    });
  });

  it('rejects an unknown client phone (NOT_FOUND)', async () => {
    const request = await resolve('intent-5', { clientPhone: '+2250199999999' });
    const [outcome] = outcomeOf(request.envelope.correlationId);
    expect((outcome.payload as PayloadOf<'PartiesRejected'>).error.code).toBe('NOT_FOUND');
  });

  it('issues a QR token to a client and resolves the client with it', async () => {
    const qrToken = await issueQrToken();
    const request = await resolve('intent-6', { clientQrToken: qrToken });
    const [outcome] = outcomeOf(request.envelope.correlationId);
    expect(outcome.type).toBe('PartiesResolved');
    expect((outcome.payload as PayloadOf<'PartiesResolved'>).client.userId).toBe(CLIENT.userId);
  });

  it('opens a sealed QR token, and takes a seal that does not open for a token that does not verify', async () => {
    const sealedBox = new SealedBox(loadCustomerConfig({ APP_ENV: 'test' }).sealKey);
    const qrToken = await issueQrToken();

    const sealed = await resolve('intent-6s', { sealedClientQrToken: sealedBox.seal(qrToken) });
    const forged = await resolve('intent-6f', { sealedClientQrToken: new SealedBox('another-seal-key-0123456789').seal(qrToken) });

    expect(outcomeOf(sealed.envelope.correlationId)[0].type).toBe('PartiesResolved');
    expect(outcomeOf(forged.envelope.correlationId)[0].payload).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: [{ field: 'clientQrToken', message: 'is invalid or expired' }] },
    });
  });

  it('replies the expiry of the QR token: now + QR_TOKEN_TTL_SECONDS', async () => {
    const request = await send(gateway, 'IssueQrToken', { actor: { userId: CLIENT.userId, role: 'CLIENT' } }, CLIENT.userId);
    const [reply] = repliesTo(TOPICS.gatewayReplies, request.envelope.correlationId);
    expect(reply.payload).toMatchObject({ kind: 'qr-token', expiresAt: '2026-01-15T10:02:00.000Z' });
  });

  it('refuses a QR token to an agent (GatewayReply error FORBIDDEN)', async () => {
    const request = await send(gateway, 'IssueQrToken', { actor: { userId: AGENT.userId, role: 'AGENT' } }, AGENT.userId);
    const [reply] = repliesTo(TOPICS.gatewayReplies, request.envelope.correlationId);
    expect(reply.payload).toMatchObject({ kind: 'error', error: { code: 'FORBIDDEN' } });
  });

  it('replies the same QR token when IssueQrToken is redelivered', async () => {
    const request = gateway.create(
      'IssueQrToken',
      { actor: { userId: CLIENT.userId, role: 'CLIENT' } },
      {
        aggregateId: CLIENT.userId,
        correlationId: 'corr-qr-redelivered',
      },
    );
    await bus.publish([request]);
    await bus.publish([request]);
    await bus.idle();
    const replies = repliesTo(TOPICS.gatewayReplies, 'corr-qr-redelivered');
    expect(replies).toHaveLength(2);
    expect(replies[1].payload).toEqual(replies[0].payload);
  });

  it('lets a QR token serve one intent only, re-answering that intent on redelivery', async () => {
    const qrToken = await issueQrToken();
    const first = ledger.create(
      'ResolveParties',
      { intentId: 'intent-7', stepId: 's', channel: 'MOBILE_PRO', actor: { userId: AGENT.userId, role: 'AGENT' }, clientQrToken: qrToken },
      { aggregateId: 'intent-7', correlationId: 'corr-intent-7' },
    );
    await bus.publish([first]);
    await bus.publish([first]);
    await bus.idle();
    const answers = outcomeOf('corr-intent-7');
    expect(answers.map((answer) => answer.type)).toEqual(['PartiesResolved', 'PartiesResolved']);
    expect(answers[1].payload).toEqual(answers[0].payload);

    const other = await resolve('intent-8', { clientQrToken: qrToken });
    const [refusal] = outcomeOf(other.envelope.correlationId);
    expect(refusal.payload).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: [{ field: 'clientQrToken', message: 'has already been used' }] },
    });
  });

  it('refuses an expired QR token', async () => {
    const qrToken = await issueQrToken();
    clock.advance(120_000);
    const request = await resolve('intent-9', { clientQrToken: qrToken });
    const [outcome] = outcomeOf(request.envelope.correlationId);
    expect(outcome.payload).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: [{ field: 'clientQrToken', message: 'is invalid or expired' }] },
    });
  });

  it('refuses a forged QR token without revealing it', async () => {
    const genuine = await issueQrToken();
    const forged = `${genuine.split('.')[0]}.${'A'.repeat(43)}`;
    const request = await resolve('intent-10', { clientQrToken: forged });
    const [outcome] = outcomeOf(request.envelope.correlationId);
    expect(outcome.payload).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: [{ field: 'clientQrToken', message: 'is invalid or expired' }] },
    });
    expect(JSON.stringify(outcome)).not.toContain(forged);
  });

  it('re-publishes the same outcome when ResolveParties is redelivered', async () => {
    const request = ledger.create(
      'ResolveParties',
      { intentId: 'intent-11', stepId: 's', channel: 'MOBILE_PRO', actor: { userId: AGENT.userId, role: 'AGENT' }, clientPhone: CLIENT.phone },
      { aggregateId: 'intent-11', correlationId: 'corr-intent-11' },
    );
    await bus.publish([request]);
    await bus.publish([request]);
    await bus.idle();
    const answers = outcomeOf('corr-intent-11');
    expect(answers).toHaveLength(2);
    expect(answers[1].payload).toEqual(answers[0].payload);
  });

  it('dead-letters an invalid message and keeps consuming', async () => {
    const invalid = ledger.create(
      'ResolveParties',
      { intentId: 'intent-12', stepId: 's', channel: 'MOBILE_PRO', actor: { userId: AGENT.userId, role: 'AGENT' }, clientPhone: CLIENT.phone },
      { aggregateId: 'intent-12', correlationId: 'corr-invalid' },
    );
    (invalid.envelope.payload as { clientPhone: string }).clientPhone = 'not-a-phone';
    await bus.publish([invalid]);
    await bus.idle();
    const dead = bus.records(TOPICS.deadLetter);
    expect(dead).toHaveLength(1);
    expect(dead[0].headers['x-dlt-group']).toBe('customer');
    expect(dead[0].headers['x-dlt-reason']).toContain('clientPhone');
    expect(outcomeOf('corr-invalid')).toHaveLength(0);

    const next = await resolve('intent-13', { clientPhone: CLIENT.phone });
    expect(outcomeOf(next.envelope.correlationId)[0].type).toBe('PartiesResolved');
  });
});
