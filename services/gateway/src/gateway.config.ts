import { z } from 'zod';
import { AppEnv, Env, envInt, loadPlatformEnv, parseEnv } from '@cashout/platform';

export interface GatewayConfig {
  appEnv: AppEnv;
  jwtSecret: string;
  sealKey: string;
  port: number;
  /** How long a request waits for its GatewayReply before answering 504 TIMEOUT. */
  replyTimeoutMs: number;
  /** How long confirm waits for the outcome before answering 202 with the current intent. */
  confirmWaitMs: number;
  rateLimitLoginPerMinute: number;
  rateLimitPerMinute: number;
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

const GatewayEnvSchema = z.object({
  PORT: envInt(3000, 1).pipe(z.number().max(65535)),
  GATEWAY_REPLY_TIMEOUT_MS: envInt(15000, 1),
  CONFIRM_WAIT_MS: envInt(5000, 0),
  RATE_LIMIT_LOGIN_PER_MINUTE: envInt(60, 1),
  RATE_LIMIT_PER_MINUTE: envInt(600, 1),
});

/** The only place the gateway reads its environment; fails fast naming every problem. */
export function loadGatewayConfig(env: Env): GatewayConfig {
  const platform = loadPlatformEnv(env);
  const own = parseEnv(GatewayEnvSchema, env);
  return {
    ...platform,
    port: own.PORT,
    replyTimeoutMs: own.GATEWAY_REPLY_TIMEOUT_MS,
    confirmWaitMs: own.CONFIRM_WAIT_MS,
    rateLimitLoginPerMinute: own.RATE_LIMIT_LOGIN_PER_MINUTE,
    rateLimitPerMinute: own.RATE_LIMIT_PER_MINUTE,
  };
}
