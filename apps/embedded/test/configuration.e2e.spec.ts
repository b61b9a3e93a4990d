import { startEmbeddedSystem } from '../src/embedded-system';

describe('configuration at start-up', () => {
  it('refuses a production start without its secrets, naming each missing one', async () => {
    await expect(startEmbeddedSystem({ APP_ENV: 'production' }, { logger: false })).rejects.toThrow(
      /JWT_SECRET: is required when APP_ENV=production[\s\S]*MESSAGE_SEAL_KEY: is required when APP_ENV=production/,
    );
  });

  it('refuses an invalid setting before any service starts, naming it', async () => {
    await expect(startEmbeddedSystem({ APP_ENV: 'test', OTP_TTL_SECONDS: 'soon' }, { logger: false })).rejects.toThrow(/OTP_TTL_SECONDS/);
    await expect(startEmbeddedSystem({ APP_ENV: 'staging', MONGO_URL: 'http://nope' }, { logger: false })).rejects.toThrow(/MONGO_URL/);
  });
});
