import { ConfigError } from '@cashout/platform';
import { loadGatewayConfig } from '../src';

describe('loadGatewayConfig', () => {
  it('given an empty environment, when loading, then the documented defaults apply', () => {
    expect(loadGatewayConfig({ APP_ENV: 'test' })).toMatchObject({
      appEnv: 'test',
      port: 3000,
      replyTimeoutMs: 15000,
      confirmWaitMs: 5000,
      idempotencyLeaseMs: 25000,
      rateLimitLoginPerMinute: 60,
      rateLimitPerMinute: 600,
    });
  });

  it('given overrides, when loading, then they are read as integers', () => {
    const config = loadGatewayConfig({ APP_ENV: 'test', PORT: '8080', GATEWAY_REPLY_TIMEOUT_MS: '2000', CONFIRM_WAIT_MS: '100' });
    expect(config).toMatchObject({ port: 8080, replyTimeoutMs: 2000, confirmWaitMs: 100 });
  });

  it('given a non-numeric port, when loading, then it fails naming PORT', () => {
    expect(() => loadGatewayConfig({ APP_ENV: 'test', PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('given production without secrets, when loading, then it fails fast', () => {
    expect(() => loadGatewayConfig({ APP_ENV: 'production' })).toThrow(ConfigError);
  });

  it('given a zero rate limit, when loading, then it fails naming the variable', () => {
    expect(() => loadGatewayConfig({ APP_ENV: 'test', RATE_LIMIT_PER_MINUTE: '0' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
  });

  it('given shorter timeouts, when loading, then the default lease follows them', () => {
    expect(loadGatewayConfig({ APP_ENV: 'test', GATEWAY_REPLY_TIMEOUT_MS: '2000', CONFIRM_WAIT_MS: '100' }).idempotencyLeaseMs).toBe(7100);
  });

  it('given an idempotency lease, when loading, then it is used', () => {
    expect(loadGatewayConfig({ APP_ENV: 'test', IDEMPOTENCY_LEASE_MS: '60000' }).idempotencyLeaseMs).toBe(60000);
  });

  it('given a lease no longer than the longest request, when loading, then it fails naming IDEMPOTENCY_LEASE_MS', () => {
    expect(() => loadGatewayConfig({ APP_ENV: 'test', IDEMPOTENCY_LEASE_MS: '20000' })).toThrow(ConfigError);
    expect(() => loadGatewayConfig({ APP_ENV: 'test', IDEMPOTENCY_LEASE_MS: '20000' })).toThrow(/IDEMPOTENCY_LEASE_MS: must be more than .* \(20000 ms\)/);
  });

  it('given a lease that is not a positive integer, when loading, then it fails naming IDEMPOTENCY_LEASE_MS', () => {
    expect(() => loadGatewayConfig({ APP_ENV: 'test', IDEMPOTENCY_LEASE_MS: 'soon' })).toThrow(/IDEMPOTENCY_LEASE_MS/);
    expect(() => loadGatewayConfig({ APP_ENV: 'test', IDEMPOTENCY_LEASE_MS: '0' })).toThrow(/IDEMPOTENCY_LEASE_MS/);
  });
});
