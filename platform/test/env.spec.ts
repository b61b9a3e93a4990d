import { ConfigError, loadPlatformEnv, seedDemoFrom } from '../src/config/env';

const JWT = 'tq3Vb8XkP1zR7mWc9LdN2sYf5HjG0aEo';
const SEAL = 'Zp4Kx7Qw2Ev9Rt1Yu6Io3Pa8Sd5Fg0Hj';

describe('APP_ENV fails closed', () => {
  it('given no APP_ENV, when loading, then it is production and wants its secrets', () => {
    expect(() => loadPlatformEnv({})).toThrow(/JWT_SECRET: is required outside development and test[\s\S]*MESSAGE_SEAL_KEY: is required/);
    expect(loadPlatformEnv({ JWT_SECRET: JWT, MESSAGE_SEAL_KEY: SEAL }).appEnv).toBe('production');
  });

  it.each(['staging', 'production'])(
    'given APP_ENV=%s, when a secret is short, published, patterned or shared, then each problem is named at once',
    (appEnv) => {
      const load = () => loadPlatformEnv({ APP_ENV: appEnv, JWT_SECRET: 'dev-only-jwt-secret-change-me', MESSAGE_SEAL_KEY: 'short-key' });
      expect(load).toThrow(ConfigError);
      expect(load).toThrow(/JWT_SECRET: must be at least 32 bytes, got 29[\s\S]*MESSAGE_SEAL_KEY: must be at least 32 bytes, got 9/);
      expect(() => loadPlatformEnv({ APP_ENV: appEnv, JWT_SECRET: 'ab'.repeat(20), MESSAGE_SEAL_KEY: SEAL })).toThrow(/JWT_SECRET: does not look random/);
      expect(() => loadPlatformEnv({ APP_ENV: appEnv, JWT_SECRET: JWT, MESSAGE_SEAL_KEY: JWT })).toThrow(
        /MESSAGE_SEAL_KEY: must differ from JWT_SECRET: one key per purpose/,
      );
    },
  );

  it('given random secrets of 32 bytes or more, one per purpose, when loading in production, then it starts with them', () => {
    const env = loadPlatformEnv({ APP_ENV: 'production', JWT_SECRET: JWT, MESSAGE_SEAL_KEY: SEAL });
    expect([env.jwt.current.secret, env.sealKey]).toEqual([JWT, SEAL]);
  });

  it.each(['staging', 'production'])('given APP_ENV=%s, when SEED_DEMO=true, then the start is refused; unset, no demo data', (appEnv) => {
    const env = { APP_ENV: appEnv, JWT_SECRET: JWT, MESSAGE_SEAL_KEY: SEAL };
    expect(() => loadPlatformEnv({ ...env, SEED_DEMO: 'true' })).toThrow(/SEED_DEMO: is refused when APP_ENV=/);
    expect(seedDemoFrom(env, loadPlatformEnv(env).appEnv)).toBe(false);
  });

  it.each(['development', 'test'])('given APP_ENV=%s, when nothing is set, then development defaults and the demo data apply', (appEnv) => {
    const env = loadPlatformEnv({ APP_ENV: appEnv });
    expect(env.jwt.current.secret).toEqual(expect.any(String));
    expect(env.sealKey).not.toBe(env.jwt.current.secret);
    expect(seedDemoFrom({}, env.appEnv)).toBe(true);
    expect(seedDemoFrom({ SEED_DEMO: 'false' }, env.appEnv)).toBe(false);
  });
});

describe('KAFKA_BROKERS', () => {
  const brokersOf = (value: string | undefined) =>
    loadPlatformEnv({ APP_ENV: 'test', ...(value === undefined ? {} : { KAFKA_BROKERS: value }) }).infrastructure.kafkaBrokers;

  it('given a comma-separated list, when loading, then each broker is trimmed and blanks are dropped', () => {
    expect(brokersOf(' 127.0.0.1:9092, ,127.0.0.1:9093 ')).toEqual(['127.0.0.1:9092', '127.0.0.1:9093']);
  });

  it('given nothing, or only separators, when loading, then there is no broker: the embedded bus', () => {
    expect(brokersOf(undefined)).toBeUndefined();
    expect(brokersOf('')).toBeUndefined();
    expect(brokersOf(' , ')).toBeUndefined();
  });
});
