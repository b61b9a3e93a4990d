import { z } from 'zod';
import { AppEnv, ConfigError, Env, JwtSettings, envInt, loadServiceEnv } from '@cashout/platform';

export interface GatewayConfig {
  appEnv: AppEnv;
  jwt: JwtSettings;
  sealKey: string;
  port: number;
  /** How long a request waits for its GatewayReply before answering 504 TIMEOUT. */
  replyTimeoutMs: number;
  /** How long confirm waits for the outcome before reading the intent (202 once PROCESSING). */
  confirmWaitMs: number;
  /**
   * How long an IN_FLIGHT Idempotency-Key record stays with the request that claimed it;
   * afterwards a retry with the same body takes it over (its gateway presumably died).
   */
  idempotencyLeaseMs: number;
  rateLimitLoginPerMinute: number;
  rateLimitPerMinute: number;
  /** Failed logins a minute from one address, and from everyone, before logins are refused for a while. */
  failedLoginsPerAddressPerMinute: number;
  failedLoginsPerMinute: number;
  /** The bearer token a scraper must present at /metrics (METRICS_TOKEN); unset, see OperationsController. */
  metricsToken?: string;
  /** The longest an intent's event stream stays open before the gateway ends it (the client reconnects). */
  streamMaxSeconds: number;
  /** Event streams one user may hold open at once on one gateway instance; one more is a 429. */
  streamsPerUser: number;
  /** The built web console (its index.html and assets), served at /console/; unset, /console is a 404. */
  consoleDir?: string;
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

/** Beyond the longest request, for the store round trips and clock differences between gateways. */
export const IDEMPOTENCY_LEASE_MARGIN_MS = 5000;

const GatewayEnvSchema = z.object({
  PORT: envInt(3000, 1).pipe(z.number().max(65535)),
  GATEWAY_REPLY_TIMEOUT_MS: envInt(15000, 1),
  CONFIRM_WAIT_MS: envInt(5000, 0),
  IDEMPOTENCY_LEASE_MS: z.coerce.number().int().min(1).optional(),
  RATE_LIMIT_LOGIN_PER_MINUTE: envInt(60, 1),
  RATE_LIMIT_PER_MINUTE: envInt(600, 1),
  RATE_LIMIT_FAILED_LOGINS_PER_ADDRESS: envInt(20, 1),
  RATE_LIMIT_FAILED_LOGINS: envInt(600, 1),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  STREAM_MAX_SECONDS: envInt(900, 1),
  STREAMS_PER_USER: envInt(5, 1),
  CONSOLE_DIR: z.string().min(1).optional(),
});

/**
 * The longest a request may run: confirm waits CONFIRM_WAIT_MS, then up to the reply
 * timeout for its answer. A lease shorter than that would let a retry take over a request
 * that is still running, so it is refused.
 */
function idempotencyLeaseMs(own: z.infer<typeof GatewayEnvSchema>): number {
  const longestRequestMs = own.GATEWAY_REPLY_TIMEOUT_MS + own.CONFIRM_WAIT_MS;
  const lease = own.IDEMPOTENCY_LEASE_MS ?? longestRequestMs + IDEMPOTENCY_LEASE_MARGIN_MS;
  if (lease <= longestRequestMs) {
    throw new ConfigError([
      `IDEMPOTENCY_LEASE_MS: must be more than GATEWAY_REPLY_TIMEOUT_MS + CONFIRM_WAIT_MS (${longestRequestMs} ms), the longest a request may take`,
    ]);
  }
  return lease;
}

/** The only place the gateway reads its environment; fails fast naming every problem. */
export function loadGatewayConfig(env: Env): GatewayConfig {
  const { platform, own } = loadServiceEnv(GatewayEnvSchema, env);
  return {
    ...platform,
    port: own.PORT,
    replyTimeoutMs: own.GATEWAY_REPLY_TIMEOUT_MS,
    confirmWaitMs: own.CONFIRM_WAIT_MS,
    idempotencyLeaseMs: idempotencyLeaseMs(own),
    rateLimitLoginPerMinute: own.RATE_LIMIT_LOGIN_PER_MINUTE,
    rateLimitPerMinute: own.RATE_LIMIT_PER_MINUTE,
    failedLoginsPerAddressPerMinute: own.RATE_LIMIT_FAILED_LOGINS_PER_ADDRESS,
    failedLoginsPerMinute: own.RATE_LIMIT_FAILED_LOGINS,
    ...(own.METRICS_TOKEN !== undefined ? { metricsToken: own.METRICS_TOKEN } : {}),
    streamMaxSeconds: own.STREAM_MAX_SECONDS,
    streamsPerUser: own.STREAMS_PER_USER,
    ...(own.CONSOLE_DIR !== undefined ? { consoleDir: own.CONSOLE_DIR } : {}),
  };
}
