import { Logger } from '@nestjs/common';
import { ManualClock } from '@cashout/platform';
import { NotificationContent, NotificationDispatcher, NotificationRequest } from '../src/dispatch/notification-dispatcher';
import { InMemoryWhitelistRepository } from '../src/infrastructure/in-memory-whitelist.repository';
import { createChannelProviders } from '../src/infrastructure/providers/channel-providers.factory';
import { NotificationsConfig, loadNotificationsConfig } from '../src/notifications.config';
import { FakeHttpServer } from './support/fake-http-server';

const CLIENT = '+2250100000002';

function anOtpRequest(overrides: Partial<NotificationContent> = {}): NotificationRequest {
  return {
    intentId: 'intent-1',
    customerPhone: CLIENT,
    kind: 'OTP',
    subject: 'Your cash-out code',
    text: 'Your cash-out code is 123456.',
    recorded: { body: 'Your cash-out code is 123456.', otp: '123456' },
    ...overrides,
  };
}

async function dispatcherFor(config: NotificationsConfig, whitelisted: string[] = []) {
  const whitelist = new InMemoryWhitelistRepository();
  await whitelist.add(whitelisted);
  return new NotificationDispatcher(config, createChannelProviders(config), whitelist, new ManualClock());
}

describe('NotificationDispatcher with providers over real HTTP', () => {
  const tambila = new FakeHttpServer();
  const sms = new FakeHttpServer();
  const brevo = new FakeHttpServer();
  let config: NotificationsConfig;

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(async () => {
    tambila.requests.length = 0;
    sms.requests.length = 0;
    brevo.requests.length = 0;
    tambila.respondWith(200);
    sms.respondWith(200);
    brevo.respondWith(201);
    config = loadNotificationsConfig({
      APP_ENV: 'staging',
      JWT_SECRET: 'tq3Vb8XkP1zR7mWc9LdN2sYf5HjG0aEo',
      MESSAGE_SEAL_KEY: 'Zp4Kx7Qw2Ev9Rt1Yu6Io3Pa8Sd5Fg0Hj',
      TAMBILA_BASE_URL: await tambila.start(),
      TAMBILA_TOKEN: 'tambila-token',
      SMS_BASE_URL: await sms.start(),
      SMS_TOKEN: 'sms-token',
      BREVO_BASE_URL: await brevo.start(),
      BREVO_API_KEY: 'brevo-key',
      NOTIF_PROVIDER_BACKOFF_MS: '1',
    });
  });

  afterEach(async () => {
    await Promise.all([tambila.stop(), sms.stop(), brevo.stop()]);
  });

  it('sends a whitelisted client its message on the routed channel', async () => {
    const dispatcher = await dispatcherFor(config, [CLIENT]);

    const result = await dispatcher.dispatch(anOtpRequest({ preferredChannel: 'WHATSAPP' }));

    expect(result.records).toHaveLength(1);
    expect(result.clientRecord).toMatchObject({ to: CLIENT, channel: 'WHATSAPP', status: 'SENT', provider: 'tambila' });
    expect(tambila.requests.map((request) => request.body)).toEqual([{ to: CLIENT, text: 'Your cash-out code is 123456.' }]);
    expect(sms.requests).toHaveLength(0);
  });

  it('fails over to SMS when WhatsApp keeps answering 500', async () => {
    tambila.respondWith(500);
    const dispatcher = await dispatcherFor(config, [CLIENT]);

    const result = await dispatcher.dispatch(anOtpRequest({ preferredChannel: 'WHATSAPP' }));

    expect(tambila.requests).toHaveLength(3);
    expect(sms.requests).toHaveLength(1);
    expect(result.clientRecord).toMatchObject({ channel: 'SMS', status: 'SENT', provider: 'sms-http' });
  });

  it('records FAILED on the routed channel when every channel fails', async () => {
    tambila.respondWith(500);
    sms.respondWith(503);
    const dispatcher = await dispatcherFor(config, [CLIENT]);

    const result = await dispatcher.dispatch(anOtpRequest({ preferredChannel: 'WHATSAPP' }));

    expect(result.clientRecord).toMatchObject({ channel: 'WHATSAPP', status: 'FAILED', provider: 'tambila,sms-http' });
    expect(tambila.requests).toHaveLength(3);
    expect(sms.requests).toHaveLength(3);
  });

  it('skips a number off the whitelist and copies the team by Brevo e-mail and Tambila WhatsApp', async () => {
    const dispatcher = await dispatcherFor(config);

    const result = await dispatcher.dispatch(anOtpRequest());

    expect(result.records.map((record) => [record.to, record.channel, record.status, record.provider])).toEqual([
      [CLIENT, 'WHATSAPP', 'SKIPPED', 'none'],
      ['otp-copies@cashout.local', 'EMAIL', 'COPIED', 'brevo'],
      ['+2250000000099', 'WHATSAPP', 'COPIED', 'tambila'],
    ]);
    expect(result.records.every((record) => record.customerPhone === CLIENT && record.otp === '123456')).toBe(true);
    expect(result.records.every((record) => record.intentId === 'intent-1')).toBe(true);
    expect(brevo.requests[0].body).toMatchObject({ to: [{ email: 'otp-copies@cashout.local' }] });
    expect(tambila.requests.map((request) => (request.body as { to: string }).to)).toEqual(['+2250000000099']);
    expect(sms.requests).toHaveLength(0);
  });

  it('records a team copy that could not be sent as FAILED', async () => {
    brevo.respondWith(500);
    const dispatcher = await dispatcherFor(config);

    const result = await dispatcher.dispatch(anOtpRequest());

    expect(result.records[1]).toMatchObject({ channel: 'EMAIL', status: 'FAILED', provider: 'brevo' });
    expect(result.records[2]).toMatchObject({ channel: 'WHATSAPP', status: 'COPIED' });
  });

  it('sends to any number in production and keeps only the masked record', async () => {
    const production = { ...config, appEnv: 'production' as const };
    const dispatcher = await dispatcherFor(production);

    const result = await dispatcher.dispatch(anOtpRequest({ preferredChannel: 'SMS', recorded: { body: 'Your cash-out code is ******.' } }));

    expect(result.records).toHaveLength(1);
    expect(result.clientRecord).toMatchObject({ channel: 'SMS', status: 'SENT', body: 'Your cash-out code is ******.' });
    expect(result.clientRecord).not.toHaveProperty('otp');
    expect(sms.requests.map((request) => request.body)).toEqual([{ to: CLIENT, text: 'Your cash-out code is 123456.' }]);
  });

  it('records to the sandbox only when no provider is configured', async () => {
    const dispatcher = await dispatcherFor(loadNotificationsConfig({ APP_ENV: 'test' }), [CLIENT]);

    const result = await dispatcher.dispatch(anOtpRequest());

    expect(result.clientRecord).toMatchObject({ status: 'SENT', provider: 'sandbox' });
    expect(tambila.requests).toHaveLength(0);
  });
});
