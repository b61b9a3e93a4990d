import { startEmbeddedSystem } from '../src/embedded-system';

const PRODUCTION = {
  APP_ENV: 'production',
  JWT_SECRET: 'tq3Vb8XkP1zR7mWc9LdN2sYf5HjG0aEo',
  MESSAGE_SEAL_KEY: 'Zp4Kx7Qw2Ev9Rt1Yu6Io3Pa8Sd5Fg0Hj',
  QR_TOKEN_SECRET: 'Lm2Nb4Vc6Xz8Qa0Ws1Ed3Rf5Tg7Yh9Uj',
  HASH_PEPPER: 'Qe5Wr8Ty1Ui4Op7As0Df3Gh6Jk9Lz2Xc',
};

describe('configuration at start-up', () => {
  it('refuses a production start without its secrets, naming each missing one', async () => {
    await expect(startEmbeddedSystem({ APP_ENV: 'production' }, { logger: false })).rejects.toThrow(
      /JWT_SECRET: is required outside development and test[\s\S]*MESSAGE_SEAL_KEY: is required[\s\S]*HASH_PEPPER: is required[\s\S]*QR_TOKEN_SECRET: is required/,
    );
  });

  it('starts as production when APP_ENV is unset: no development secrets, no demo data', async () => {
    await expect(startEmbeddedSystem({}, { logger: false })).rejects.toThrow(/JWT_SECRET: is required outside development and test/);
    await expect(
      startEmbeddedSystem(
        {
          SEED_DEMO: 'true',
          JWT_SECRET: 'tq3Vb8XkP1zR7mWc9LdN2sYf5HjG0aEo',
          MESSAGE_SEAL_KEY: 'Zp4Kx7Qw2Ev9Rt1Yu6Io3Pa8Sd5Fg0Hj',
          QR_TOKEN_SECRET: 'Lm2Nb4Vc6Xz8Qa0Ws1Ed3Rf5Tg7Yh9Uj',
          HASH_PEPPER: 'Qe5Wr8Ty1Ui4Op7As0Df3Gh6Jk9Lz2Xc',
        },
        { logger: false },
      ),
    ).rejects.toThrow(/SEED_DEMO: is refused when APP_ENV=production/);
  });

  it('lists every problem of every service at once, each named once', async () => {
    const attempt = startEmbeddedSystem(
      {
        APP_ENV: 'staging',
        JWT_SECRET: 'too-short',
        MESSAGE_SEAL_KEY: 'Zp4Kx7Qw2Ev9Rt1Yu6Io3Pa8Sd5Fg0Hj',
        QR_TOKEN_SECRET: 'Zp4Kx7Qw2Ev9Rt1Yu6Io3Pa8Sd5Fg0Hj',
        OTP_TTL_SECONDS: 'soon',
        SEED_DEMO: 'true',
      },
      { logger: false },
    );
    const error = await attempt.then(
      () => undefined,
      (thrown: unknown) => thrown as Error,
    );

    expect(error?.message).toMatch(/JWT_SECRET: must be at least 32 bytes/);
    expect(error?.message).toMatch(/SEED_DEMO: is refused when APP_ENV=staging/);
    expect(error?.message).toMatch(/OTP_TTL_SECONDS/);
    expect(error?.message).toMatch(/QR_TOKEN_SECRET: must differ from MESSAGE_SEAL_KEY/);
    expect(error?.message.match(/JWT_SECRET: must be at least/g)).toHaveLength(1);
  });

  it('refuses load data outside development and test, naming the variable', async () => {
    await expect(startEmbeddedSystem({ ...PRODUCTION, SEED_LOAD_CLIENTS: '100' }, { logger: false })).rejects.toThrow(
      /SEED_LOAD_CLIENTS: is refused when APP_ENV=production/,
    );
    await expect(startEmbeddedSystem({ APP_ENV: 'staging', SEED_LOAD_AGENTS: '5' }, { logger: false })).rejects.toThrow(
      /SEED_LOAD_AGENTS: is refused when APP_ENV=staging/,
    );
    await expect(startEmbeddedSystem({ APP_ENV: 'test', SEED_LOAD_CLIENTS: 'many' }, { logger: false })).rejects.toThrow(
      /SEED_LOAD_CLIENTS: must be a non-negative integer/,
    );
  });

  it('refuses an invalid setting before any service starts, naming it', async () => {
    await expect(startEmbeddedSystem({ APP_ENV: 'test', OTP_TTL_SECONDS: 'soon' }, { logger: false })).rejects.toThrow(/OTP_TTL_SECONDS/);
    await expect(startEmbeddedSystem({ APP_ENV: 'staging', MONGO_URL: 'http://nope' }, { logger: false })).rejects.toThrow(/MONGO_URL/);
  });
});
