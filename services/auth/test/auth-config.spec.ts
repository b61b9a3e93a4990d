import { availableParallelism } from 'node:os';
import { ConfigError } from '@cashout/platform';
import { loadAuthConfig } from '../src';

describe('auth configuration', () => {
  it('has the documented defaults', () => {
    const config = loadAuthConfig({ APP_ENV: 'test' });
    expect(config).toMatchObject({
      appEnv: 'test',
      bcryptCostOtp: 10,
      bcryptCostPin: 10,
      otpTtlSeconds: 300,
      otpMaxAttempts: 3,
      pinLock: { maxAttempts: 3, lockSeconds: 900, maxLockSeconds: 86400 },
      jwtTtlSeconds: 3600,
      hashWorkers: availableParallelism(),
    });
  });

  it('reads every setting from the environment', () => {
    const config = loadAuthConfig({
      APP_ENV: 'test',
      JWT_SECRET: 'a-jwt-secret-of-length',
      MESSAGE_SEAL_KEY: 'a-seal-key-of-length',
      BCRYPT_COST_OTP: '4',
      BCRYPT_COST_PIN: '5',
      OTP_TTL_SECONDS: '60',
      OTP_MAX_ATTEMPTS: '4',
      PIN_MAX_ATTEMPTS: '5',
      JWT_TTL_SECONDS: '120',
      HASH_WORKERS: '3',
    });
    // The platform part (bus, infrastructure URLs) is the platform's to test.
    expect(config).toMatchObject({
      appEnv: 'test',
      jwt: expect.objectContaining({ current: { id: 'k1', secret: 'a-jwt-secret-of-length' } }),
      sealKey: 'a-seal-key-of-length',
      bcryptCostOtp: 4,
      bcryptCostPin: 5,
      otpTtlSeconds: 60,
      otpMaxAttempts: 4,
      pinLock: expect.objectContaining({ maxAttempts: 5 }),
      jwtTtlSeconds: 120,
      hashWorkers: 3,
    });
  });

  it.each(['3', '16', 'ten'])('refuses BCRYPT_COST_PIN=%s, naming the variable', (cost) => {
    expect(() => loadAuthConfig({ APP_ENV: 'test', BCRYPT_COST_PIN: cost })).toThrow(/BCRYPT_COST_PIN/);
  });

  it.each(['0', '1.5'])('refuses HASH_WORKERS=%s, naming the variable', (workers) => {
    expect(() => loadAuthConfig({ APP_ENV: 'test', HASH_WORKERS: workers })).toThrow(/HASH_WORKERS/);
  });

  it('refuses a zero OTP TTL', () => {
    expect(() => loadAuthConfig({ APP_ENV: 'test', OTP_TTL_SECONDS: '0' })).toThrow(ConfigError);
  });

  it('fails fast in production without the secrets', () => {
    expect(() => loadAuthConfig({ APP_ENV: 'production' })).toThrow(/JWT_SECRET.*required/s);
  });

  it('refuses a token lifetime beyond the longest one tokens may have', () => {
    expect(() => loadAuthConfig({ APP_ENV: 'test', JWT_TTL_SECONDS: '90000' })).toThrow(/JWT_TTL_SECONDS: must be at most JWT_MAX_TTL_SECONDS \(86400\)/);
    expect(loadAuthConfig({ APP_ENV: 'test', JWT_TTL_SECONDS: '90000', JWT_MAX_TTL_SECONDS: '90000' }).jwtTtlSeconds).toBe(90000);
  });

  it('wants a pepper of its own outside development and test, and uses it', () => {
    const secrets = { APP_ENV: 'production', JWT_SECRET: 'tq3Vb8XkP1zR7mWc9LdN2sYf5HjG0aEo', MESSAGE_SEAL_KEY: 'Zp4Kx7Qw2Ev9Rt1Yu6Io3Pa8Sd5Fg0Hj' };
    expect(() => loadAuthConfig(secrets)).toThrow(/HASH_PEPPER: is required outside development and test/);
    expect(() => loadAuthConfig({ ...secrets, HASH_PEPPER: secrets.JWT_SECRET })).toThrow(/HASH_PEPPER: must differ from JWT_SECRET/);
    expect(loadAuthConfig({ ...secrets, HASH_PEPPER: 'Qe5Wr8Ty1Ui4Op7As0Df3Gh6Jk9Lz2Xc' }).hashPepper).toBe('Qe5Wr8Ty1Ui4Op7As0Df3Gh6Jk9Lz2Xc');
  });
});
