import { startEmbeddedSystem } from '../src/embedded-system';

describe('configuration at start-up', () => {
  it('refuses a production start without its secrets, naming each missing one', async () => {
    await expect(startEmbeddedSystem({ APP_ENV: 'production' }, { logger: false })).rejects.toThrow(
      /JWT_SECRET: is required when APP_ENV=production[\s\S]*MESSAGE_SEAL_KEY: is required when APP_ENV=production/,
    );
  });

  it('refuses load data outside development and test, naming the variable', async () => {
    const production = { APP_ENV: 'production', JWT_SECRET: 'a-production-jwt-secret', MESSAGE_SEAL_KEY: 'a-production-seal-key' };
    await expect(startEmbeddedSystem({ ...production, SEED_LOAD_CLIENTS: '100' }, { logger: false })).rejects.toThrow(
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
