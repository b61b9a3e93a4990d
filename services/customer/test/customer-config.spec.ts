import { loadCustomerConfig } from '../src/customer.config';

const RANDOM_A = 'tq3Vb8XkP1zR7mWc9LdN2sYf5HjG0aEo';
const RANDOM_B = 'Zp4Kx7Qw2Ev9Rt1Yu6Io3Pa8Sd5Fg0Hj';
const RANDOM_C = 'Lm2Nb4Vc6Xz8Qa0Ws1Ed3Rf5Tg7Yh9Uj';

describe('loadCustomerConfig', () => {
  it('defaults the QR token life to 120 s and its secret to the JWT secret outside production', () => {
    const config = loadCustomerConfig({ APP_ENV: 'development', JWT_SECRET: 'a-jwt-secret-for-development' });
    expect(config.qrTokenTtlSeconds).toBe(120);
    expect(config.qrTokenSecret).toBe('a-jwt-secret-for-development');
  });

  it('reads QR_TOKEN_TTL_SECONDS and QR_TOKEN_SECRET', () => {
    const config = loadCustomerConfig({ APP_ENV: 'test', QR_TOKEN_TTL_SECONDS: '60', QR_TOKEN_SECRET: 'x'.repeat(32) });
    expect(config.qrTokenTtlSeconds).toBe(60);
    expect(config.qrTokenSecret).toBe('x'.repeat(32));
  });

  it('fails a production start without QR_TOKEN_SECRET, naming it', () => {
    const env = { APP_ENV: 'production', JWT_SECRET: RANDOM_A, MESSAGE_SEAL_KEY: RANDOM_B };
    expect(() => loadCustomerConfig(env)).toThrow(/QR_TOKEN_SECRET: is required outside development and test/);
  });

  it('refuses a QR secret that is the JWT secret outside development and test: one key per purpose', () => {
    const env = { APP_ENV: 'staging', JWT_SECRET: RANDOM_A, MESSAGE_SEAL_KEY: RANDOM_B, QR_TOKEN_SECRET: RANDOM_A };
    expect(() => loadCustomerConfig(env)).toThrow(/QR_TOKEN_SECRET: must differ from JWT_SECRET/);
    expect(loadCustomerConfig({ ...env, QR_TOKEN_SECRET: RANDOM_C }).qrTokenSecret).toBe(RANDOM_C);
  });

  it('refuses a non-positive QR_TOKEN_TTL_SECONDS, naming it', () => {
    expect(() => loadCustomerConfig({ APP_ENV: 'test', QR_TOKEN_TTL_SECONDS: '0' })).toThrow(/QR_TOKEN_TTL_SECONDS/);
  });
});
