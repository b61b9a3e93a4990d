import { z } from 'zod';
import { DEVELOPMENT_SECRETS, Env, PlatformEnv, appEnvOf, envInt, isDevelopmentEnv, loadServiceEnv, secretProblems } from '@cashout/platform';

export const CUSTOMER_CONFIG = Symbol('CUSTOMER_CONFIG');

export interface CustomerConfig extends PlatformEnv {
  /** Life of a QR token from issue (QR_TOKEN_TTL_SECONDS, default 120). */
  qrTokenTtlSeconds: number;
  /** HMAC key signing QR tokens (QR_TOKEN_SECRET; in development and test, the JWT secret when unset). */
  qrTokenSecret: string;
}

const CustomerEnvSchema = z.object({
  QR_TOKEN_TTL_SECONDS: envInt(120, 1),
  QR_TOKEN_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
});

/** The only reader of the environment for the customer service; fails fast at start-up. */
export function loadCustomerConfig(env: Env): CustomerConfig {
  const schema = CustomerEnvSchema.superRefine((own, context) => {
    if (isDevelopmentEnv(appEnvOf(env))) return;
    // Its own key, checked against the others so that no two purposes share one (their own
    // problems are the platform's to name).
    const secrets = [
      { name: 'JWT_SECRET', value: env.JWT_SECRET },
      { name: 'MESSAGE_SEAL_KEY', value: env.MESSAGE_SEAL_KEY },
      { name: 'QR_TOKEN_SECRET', value: own.QR_TOKEN_SECRET },
    ];
    for (const problem of secretProblems(secrets, DEVELOPMENT_SECRETS)) {
      if (problem.name === 'QR_TOKEN_SECRET') context.addIssue({ code: 'custom', path: [problem.name], message: problem.message });
    }
  });
  const { platform, own } = loadServiceEnv(schema, env);
  return {
    ...platform,
    qrTokenTtlSeconds: own.QR_TOKEN_TTL_SECONDS,
    qrTokenSecret: own.QR_TOKEN_SECRET ?? platform.jwtSecret,
  };
}
