import { z } from 'zod';
import { Env, PlatformEnv, envInt, loadPlatformEnv, parseEnv } from '@cashout/platform';

export const CUSTOMER_CONFIG = Symbol('CUSTOMER_CONFIG');

export interface CustomerConfig extends PlatformEnv {
  /** Life of a QR token from issue (QR_TOKEN_TTL_SECONDS, default 120). */
  qrTokenTtlSeconds: number;
  /** HMAC key signing QR tokens (QR_TOKEN_SECRET; the JWT secret outside production). */
  qrTokenSecret: string;
}

const CustomerEnvSchema = z.object({
  QR_TOKEN_TTL_SECONDS: envInt(120, 1),
  QR_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
});

/** The only reader of the environment for the customer service; fails fast at start-up. */
export function loadCustomerConfig(env: Env): CustomerConfig {
  const platform = loadPlatformEnv(env);
  const schema = CustomerEnvSchema.superRefine((own, context) => {
    if (platform.appEnv === 'production' && !own.QR_TOKEN_SECRET) {
      context.addIssue({ code: 'custom', path: ['QR_TOKEN_SECRET'], message: 'is required when APP_ENV=production' });
    }
  });
  const own = parseEnv(schema, env);
  return {
    ...platform,
    qrTokenTtlSeconds: own.QR_TOKEN_TTL_SECONDS,
    qrTokenSecret: own.QR_TOKEN_SECRET ?? platform.jwtSecret,
  };
}
