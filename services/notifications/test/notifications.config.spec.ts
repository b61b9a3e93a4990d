import { ConfigError } from '@cashout/platform';
import { loadNotificationsConfig } from '../src';

describe('notifications configuration', () => {
  it('uses the documented defaults for an empty environment', () => {
    const config = loadNotificationsConfig({ APP_ENV: 'test' });
    expect(config).toMatchObject({
      appEnv: 'test',
      defaultChannel: 'WHATSAPP',
      whitelist: [],
      copyEmail: 'otp-copies@cashout.local',
      copyWhatsapp: '+2250000000099',
      providerRetries: 3,
      providerTimeoutMs: 5000,
      sandboxLogSize: 1_000,
    });
    expect(config.brevo).toBeUndefined();
    expect(config.tambila).toBeUndefined();
    expect(config.sms).toBeUndefined();
  });

  it('reads the whitelist, the default channel and the providers', () => {
    const config = loadNotificationsConfig({
      APP_ENV: 'test',
      NOTIF_DEFAULT_CHANNEL: 'SMS',
      NOTIF_WHITELIST: '+2250100000001, +2250100000002',
      TAMBILA_BASE_URL: 'https://tambila.example.test/api/',
      TAMBILA_TOKEN: 'tok',
      NOTIF_PROVIDER_RETRIES: '5',
    });
    expect(config.defaultChannel).toBe('SMS');
    expect(config.whitelist).toEqual(['+2250100000001', '+2250100000002']);
    expect(config.tambila).toEqual({ baseUrl: 'https://tambila.example.test/api', token: 'tok' });
    expect(config.providerRetries).toBe(5);
  });

  it('reads the size of the embedded sandbox log, and refuses one below 1', () => {
    expect(loadNotificationsConfig({ APP_ENV: 'test', NOTIF_SANDBOX_LOG_SIZE: '500' }).sandboxLogSize).toBe(500);
    expect(() => loadNotificationsConfig({ APP_ENV: 'test', NOTIF_SANDBOX_LOG_SIZE: '0' })).toThrow(/NOTIF_SANDBOX_LOG_SIZE/);
  });

  it('fails fast on a whitelist entry that is not an E.164 phone', () => {
    expect(() => loadNotificationsConfig({ APP_ENV: 'test', NOTIF_WHITELIST: '0700000000' })).toThrow(/NOTIF_WHITELIST/);
  });

  it('fails fast when a provider URL comes without its secret', () => {
    expect(() => loadNotificationsConfig({ APP_ENV: 'test', BREVO_BASE_URL: 'https://api.brevo.com' })).toThrow(ConfigError);
    expect(() => loadNotificationsConfig({ APP_ENV: 'test', BREVO_BASE_URL: 'https://api.brevo.com' })).toThrow(/BREVO_API_KEY/);
  });

  it('fails fast in production without the platform secrets', () => {
    expect(() => loadNotificationsConfig({ APP_ENV: 'production' })).toThrow(/MESSAGE_SEAL_KEY/);
  });
});
