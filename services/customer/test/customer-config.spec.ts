import { loadCustomerConfig } from '../src/customer.config';

describe('loadCustomerConfig', () => {
  it('defaults the QR token life to 120 s and its secret to the JWT secret outside production', () => {
    const config = loadCustomerConfig({ APP_ENV: 'development', JWT_SECRET: 'a-jwt-secret-for-development' });
    expect(config.qrTokenTtlSeconds).toBe(120);
    expect(config.qrTokenSecret).toBe('a-jwt-secret-for-development');
  });

  it('reads QR_TOKEN_TTL_SECONDS and QR_TOKEN_SECRET', () => {
    const config = loadCustomerConfig({ QR_TOKEN_TTL_SECONDS: '60', QR_TOKEN_SECRET: 'x'.repeat(32) });
    expect(config.qrTokenTtlSeconds).toBe(60);
    expect(config.qrTokenSecret).toBe('x'.repeat(32));
  });

  it('fails a production start without QR_TOKEN_SECRET, naming it', () => {
    const env = { APP_ENV: 'production', JWT_SECRET: 'j'.repeat(32), MESSAGE_SEAL_KEY: 's'.repeat(32) };
    expect(() => loadCustomerConfig(env)).toThrow(/QR_TOKEN_SECRET: is required when APP_ENV=production/);
  });

  it('refuses a non-positive QR_TOKEN_TTL_SECONDS, naming it', () => {
    expect(() => loadCustomerConfig({ QR_TOKEN_TTL_SECONDS: '0' })).toThrow(/QR_TOKEN_TTL_SECONDS/);
  });
});
