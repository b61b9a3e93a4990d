import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Envelope, NotificationRecord, PayloadOf, TOPICS } from '@cashout/shared-contracts';
import { InMemoryMessageBus, ManualClock, MessageFactory, OutgoingMessage, SealedBox } from '@cashout/platform';
import { NotificationsConfig, NotificationsModule, loadNotificationsConfig } from '../src';
import { NotificationDispatcher } from '../src/dispatch/notification-dispatcher';

const SEAL_KEY = 'Zp4Kx7Qw2Ev9Rt1Yu6Io3Pa8Sd5Fg0Hj';
const WHITELISTED_CLIENT = '+2250100000001';
const OTHER_CLIENT = '+2250100000002';

type OtpDispatched = Envelope<'OtpDispatched', PayloadOf<'OtpDispatched'>>;
type GatewayReply = Envelope<'GatewayReply', PayloadOf<'GatewayReply'>>;

describe('NotificationsModule through the bus', () => {
  let bus: InMemoryMessageBus;
  let clock: ManualClock;
  let app: INestApplicationContext | undefined;
  const auth = () => new MessageFactory('auth', () => clock.now());
  const box = new SealedBox(SEAL_KEY);

  async function boot(config: NotificationsConfig = loadNotificationsConfig({ APP_ENV: 'test' })) {
    app = await NestFactory.createApplicationContext(
      NotificationsModule.register({
        platform: { serviceName: 'notifications', bus, sealKey: SEAL_KEY, clock },
        config,
        seedDemo: true,
      }),
      { logger: false },
    );
    await app.init();
    return app;
  }

  function deliverOtp(overrides: Partial<PayloadOf<'DeliverOtp'>> = {}, otp = '482913'): OutgoingMessage {
    const payload: PayloadOf<'DeliverOtp'> = {
      intentId: 'intent-1',
      otpId: 'otp-1',
      sealedOtp: box.seal(otp),
      customerPhone: WHITELISTED_CLIENT,
      preferredChannel: 'WHATSAPP',
      expiresAt: '2026-01-15T10:05:00.000Z',
      ...overrides,
    };
    return auth().create('DeliverOtp', payload, { aggregateId: payload.intentId, correlationId: `corr-${payload.otpId}` });
  }

  async function publish(...messages: OutgoingMessage[]) {
    await bus.publish(messages);
    await bus.idle();
  }

  const dispatched = () => bus.records(TOPICS.notificationEvents).map((record) => record.value as OtpDispatched);

  async function listSandbox(payload: PayloadOf<'ListSandboxNotifications'>): Promise<NotificationRecord[]> {
    const request = new MessageFactory('gateway', () => clock.now()).create('ListSandboxNotifications', payload, {
      aggregateId: 'sandbox',
      correlationId: `list-${Math.random()}`,
    });
    await publish(request);
    const reply = bus
      .records(TOPICS.gatewayReplies)
      .map((record) => record.value as GatewayReply)
      .find((envelope) => envelope.causationId === request.envelope.messageId);
    if (!reply || reply.payload.kind !== 'notifications') throw new Error('no notifications reply');
    return reply.payload.records;
  }

  beforeEach(() => {
    bus = new InMemoryMessageBus({ maxAttempts: 2, backoffMs: () => 1 });
    clock = new ManualClock();
  });

  afterEach(async () => {
    await bus.idle();
    await app?.close();
    app = undefined;
  });

  it('delivers an OTP to a whitelisted client, records it and reports OtpDispatched', async () => {
    await boot();
    const request = deliverOtp();

    await publish(request);

    const [event] = dispatched();
    expect(event.type).toBe('OtpDispatched');
    expect(event.payload).toEqual({
      intentId: 'intent-1',
      otpId: 'otp-1',
      channel: 'WHATSAPP',
      status: 'SENT',
      expiresAt: '2026-01-15T10:05:00.000Z',
    });
    expect(event.correlationId).toBe(request.envelope.correlationId);
    expect(event.causationId).toBe(request.envelope.messageId);
    expect(bus.records(TOPICS.notificationEvents)[0].key).toBe('intent-1');

    const records = await listSandbox({ phone: WHITELISTED_CLIENT, limit: 10 });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      to: WHITELISTED_CLIENT,
      intentId: 'intent-1',
      channel: 'WHATSAPP',
      kind: 'OTP',
      status: 'SENT',
      provider: 'sandbox',
      otp: '482913',
    });
    expect(records[0].body).toContain('482913');
  });

  it('skips a client off the whitelist, copies the team and reports SKIPPED on the routed channel', async () => {
    await boot();

    await publish(deliverOtp({ customerPhone: OTHER_CLIENT, preferredChannel: 'SMS' }));

    expect(dispatched()[0].payload).toMatchObject({ channel: 'SMS', status: 'SKIPPED' });
    const records = await listSandbox({ phone: OTHER_CLIENT, limit: 10 });
    expect(records.map((record) => record.status).sort()).toEqual(['COPIED', 'COPIED', 'SKIPPED']);
    expect(records.every((record) => record.otp === '482913' && record.intentId === 'intent-1')).toBe(true);
  });

  it('sends nothing again on a redelivery and re-emits the same OtpDispatched', async () => {
    await boot();
    const request = deliverOtp({ customerPhone: OTHER_CLIENT });

    await publish(request, request);
    await publish(request);

    expect(await listSandbox({ phone: OTHER_CLIENT, limit: 10 })).toHaveLength(3);
    const events = dispatched();
    expect(events).toHaveLength(3);
    expect(new Set(events.map((event) => JSON.stringify(event))).size).toBe(1);
  });

  it('records an unopenable sealed OTP as FAILED and reports it without crashing', async () => {
    await boot();

    await publish(deliverOtp({ sealedOtp: new SealedBox('another-key-0123456789').seal('111111') }));
    await publish(deliverOtp({ otpId: 'otp-2' }));

    expect(dispatched().map((event) => [event.payload.otpId, event.payload.status])).toEqual([
      ['otp-1', 'FAILED'],
      ['otp-2', 'SENT'],
    ]);
    const failed = (await listSandbox({ limit: 10 })).find((record) => record.status === 'FAILED');
    expect(failed).toBeDefined();
    expect(failed).not.toHaveProperty('otp');
    expect(bus.records(TOPICS.deadLetter)).toHaveLength(0);
  });

  it('dead-letters an invalid message and keeps consuming', async () => {
    await boot();
    const valid = deliverOtp();
    const invalid: OutgoingMessage = {
      ...valid,
      envelope: { ...valid.envelope, messageId: 'bad-1', payload: { intentId: 'intent-1' } },
    };

    await publish(invalid, valid);

    const dead = bus.records(TOPICS.deadLetter);
    expect(dead).toHaveLength(1);
    expect(dead[0].headers['x-dlt-reason']).toContain('invalid DeliverOtp payload');
    expect(dispatched()).toHaveLength(1);
  });

  it('keeps the plain OTP out of the record in production and sends to any client', async () => {
    await boot(
      loadNotificationsConfig({
        APP_ENV: 'production',
        JWT_SECRET: 'tq3Vb8XkP1zR7mWc9LdN2sYf5HjG0aEo',
        MESSAGE_SEAL_KEY: SEAL_KEY,
      }),
    );

    await publish(deliverOtp({ customerPhone: OTHER_CLIENT, preferredChannel: 'SMS' }));

    expect(dispatched()[0].payload).toMatchObject({ channel: 'SMS', status: 'SENT' });
    const records = await listSandbox({ phone: OTHER_CLIENT, limit: 10 });
    expect(records).toHaveLength(1);
    expect(records[0].body).not.toContain('482913');
    expect(records[0].body).toContain('******');
    expect(records[0]).not.toHaveProperty('otp');
  });

  it('lists the sandbox newest first, filtered by phone, at most the limit', async () => {
    await boot();
    await publish(deliverOtp({ otpId: 'otp-a', customerPhone: WHITELISTED_CLIENT }));
    clock.advance(1000);
    await publish(deliverOtp({ otpId: 'otp-b', intentId: 'intent-2', customerPhone: OTHER_CLIENT }));
    clock.advance(1000);
    await publish(deliverOtp({ otpId: 'otp-c', intentId: 'intent-3', customerPhone: WHITELISTED_CLIENT }, '777777'));

    const all = await listSandbox({ limit: 50 });
    expect(all).toHaveLength(5);
    expect(all.map((record) => record.createdAt)).toEqual([...all.map((record) => record.createdAt)].sort().reverse());
    expect(all[0].otp).toBe('777777');

    const mine = await listSandbox({ phone: WHITELISTED_CLIENT, limit: 50 });
    expect(mine.map((record) => record.otp)).toEqual(['777777', '482913']);

    expect(await listSandbox({ limit: 2 })).toHaveLength(2);
  });

  it('lists by intent every record about it (skipped send and team copies), alone or with the phone', async () => {
    await boot();
    await publish(deliverOtp({ otpId: 'otp-a', intentId: 'intent-a', customerPhone: OTHER_CLIENT }, '111111'));
    clock.advance(1000);
    await publish(deliverOtp({ otpId: 'otp-b', intentId: 'intent-b', customerPhone: OTHER_CLIENT }, '222222'));

    const first = await listSandbox({ intentId: 'intent-a', limit: 50 });
    expect(first.map((record) => record.status).sort()).toEqual(['COPIED', 'COPIED', 'SKIPPED']);
    expect(first.every((record) => record.intentId === 'intent-a' && record.otp === '111111')).toBe(true);
    expect((await listSandbox({ phone: OTHER_CLIENT, intentId: 'intent-b', limit: 50 })).map((record) => record.otp)).toEqual(['222222', '222222', '222222']);
    expect(await listSandbox({ phone: WHITELISTED_CLIENT, intentId: 'intent-b', limit: 50 })).toEqual([]);
  });

  it('tells the client of a successful cash-out once, however often it is asked', async () => {
    await boot();
    const notify = new MessageFactory('ledger-wallets', () => clock.now()).create(
      'NotifyCashOutOutcome',
      {
        intentId: 'intent-9',
        outcome: 'SUCCEEDED',
        customerPhone: WHITELISTED_CLIENT,
        preferredChannel: 'WHATSAPP',
        amount: 10_000,
        fee: 250,
        currency: 'XOF',
        referenceId: 'CO-REF-9',
        newBalance: 489_750,
      },
      { aggregateId: 'intent-9', correlationId: 'corr-9' },
    );

    await publish(notify, notify);

    const records = await listSandbox({ phone: WHITELISTED_CLIENT, limit: 10 });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ kind: 'CASH_OUT_SUCCEEDED', status: 'SENT', channel: 'WHATSAPP', intentId: 'intent-9' });
    expect(records[0].body).toContain('10 000 XOF');
    expect(records[0].body).toContain('CO-REF-9');
    expect(records[0].body).toContain('489 750 XOF');
    expect(records[0]).not.toHaveProperty('otp');
  });

  it('tells a client off the whitelist of a failed cash-out through team copies only', async () => {
    await boot();
    const notify = new MessageFactory('ledger-wallets', () => clock.now()).create(
      'NotifyCashOutOutcome',
      {
        intentId: 'intent-8',
        outcome: 'FAILED',
        customerPhone: OTHER_CLIENT,
        amount: 1_000,
        fee: 100,
        currency: 'XOF',
        referenceId: 'CO-REF-8',
        reason: 'risk reservation expired',
      },
      { aggregateId: 'intent-8', correlationId: 'corr-8' },
    );

    await publish(notify);

    const records = await listSandbox({ intentId: 'intent-8', limit: 10 });
    expect(records.map((record) => [record.kind, record.status, record.intentId]).sort()).toEqual([
      ['CASH_OUT_FAILED', 'COPIED', 'intent-8'],
      ['CASH_OUT_FAILED', 'COPIED', 'intent-8'],
      ['CASH_OUT_FAILED', 'SKIPPED', 'intent-8'],
    ]);
  });

  describe('access changes (UserAccessChanged)', () => {
    const LOCKED_AT = '2026-01-15T10:00:00.000Z';

    function accessChanged(overrides: Partial<PayloadOf<'UserAccessChanged'>> = {}): OutgoingMessage {
      const payload: PayloadOf<'UserAccessChanged'> = {
        userId: 'usr-agent-0002',
        role: 'AGENT',
        phone: WHITELISTED_CLIENT,
        change: 'LOCKED',
        tokenVersion: 1,
        lockedUntil: '2026-01-15T10:15:00.000Z',
        changedAt: LOCKED_AT,
        ...overrides,
      };
      return auth().create('UserAccessChanged', payload, { aggregateId: payload.userId, correlationId: `corr-access-${payload.tokenVersion}` });
    }

    it('tells the user of a PIN lock with its unlock time, on the default channel, about no intent', async () => {
      await boot(loadNotificationsConfig({ APP_ENV: 'test', NOTIF_DEFAULT_CHANNEL: 'SMS' }));

      await publish(accessChanged());

      const records = await listSandbox({ phone: WHITELISTED_CLIENT, limit: 10 });
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ to: WHITELISTED_CLIENT, kind: 'ACCESS_LOCKED', status: 'SENT', channel: 'SMS', provider: 'sandbox' });
      expect(records[0].body).toContain('unlocks at 10:15 UTC');
      expect(records[0]).not.toHaveProperty('intentId');
      expect(records[0]).not.toHaveProperty('otp');
      expect(bus.records(TOPICS.deadLetter)).toHaveLength(0);
    });

    it('tells the user that staff lifted the lock, and a lock only staff can lift says so', async () => {
      await boot();

      await publish(accessChanged({ lockedUntil: undefined }));
      clock.advance(1000);
      await publish(accessChanged({ change: 'UNLOCKED', tokenVersion: 2, changedAt: '2026-01-15T11:00:00.000Z' }));

      const records = await listSandbox({ phone: WHITELISTED_CLIENT, limit: 10 });
      expect(records.map((record) => [record.kind, record.status])).toEqual([
        ['ACCESS_UNLOCKED', 'SENT'],
        ['ACCESS_LOCKED', 'SENT'],
      ]);
      expect(records[0].body).toMatch(/lifted by staff\. Sign in again\./);
      expect(records[1].body).toContain('staff can unlock it');
    });

    it('tells a change once, however often it is delivered or re-read', async () => {
      const sends = jest.spyOn((await boot()).get(NotificationDispatcher), 'dispatch');
      const lock = accessChanged({ phone: OTHER_CLIENT });

      await publish(lock, lock);
      await publish(accessChanged({ phone: OTHER_CLIENT }));

      expect(sends).toHaveBeenCalledTimes(1);
      const records = await listSandbox({ phone: OTHER_CLIENT, limit: 10 });
      expect(records.map((record) => [record.kind, record.status]).sort()).toEqual([
        ['ACCESS_LOCKED', 'COPIED'],
        ['ACCESS_LOCKED', 'COPIED'],
        ['ACCESS_LOCKED', 'SKIPPED'],
      ]);
    });

    it('tells a change published before the service first started (a new group reads what is retained)', async () => {
      await bus.publish([accessChanged()]);

      await boot();
      await bus.idle();

      expect((await listSandbox({ phone: WHITELISTED_CLIENT, limit: 10 })).map((record) => record.kind)).toEqual(['ACCESS_LOCKED']);
    });
  });
});
