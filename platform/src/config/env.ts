import { LogLevel } from '@nestjs/common';
import { z } from 'zod';

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export type Env = Record<string, string | undefined>;

/** Parses the environment once, at start-up; every problem is named at once. */
export function parseEnv<S extends z.ZodType>(schema: S, env: Env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  return result.data;
}

/** Env helpers: integers and booleans arrive as strings. */
export const envInt = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
export const envBool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((value) => (value === undefined ? fallback : value === 'true' || value === '1'));
export const envList = () =>
  z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',').map((item) => item.trim()).filter(Boolean) : []));

export const AppEnvSchema = z.enum(['development', 'test', 'staging', 'production']).default('development');

/** The largest load-data index: phones end in 8 digits. */
export const MAX_LOAD_USERS = 99_999_999;

/** A count of load users: digits only, so "1e3", "-1" or "2.5" are refused rather than guessed at. */
const envCount = () =>
  z
    .string()
    .regex(/^\d+$/, 'must be a non-negative integer')
    .transform(Number)
    .pipe(z.number().max(MAX_LOAD_USERS, `must be at most ${MAX_LOAD_USERS}`))
    .optional()
    .transform((value) => value ?? 0);

/** Only these environments may hold data whose PINs everybody knows. */
const SEEDABLE: ReadonlySet<string> = new Set(['development', 'test']);
export type AppEnv = z.infer<typeof AppEnvSchema>;

/** Nest's log levels shown at each LOG_LEVEL. */
const LOG_LEVELS = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
} as const satisfies Record<string, readonly LogLevel[]>;

const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me';
const DEV_SEAL_KEY = 'dev-only-message-seal-key';

/**
 * Settings every service shares. Outside production the secrets have development
 * defaults; a production start without them fails with a clear message.
 */
export const PlatformEnvSchema = z
  .object({
    APP_ENV: AppEnvSchema,
    JWT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    MESSAGE_SEAL_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
    SEED_DEMO: envBool(true).optional(),
    SEED_LOAD_CLIENTS: envCount(),
    SEED_LOAD_AGENTS: envCount(),
    KAFKA_BROKERS: z.string().optional(),
    KAFKA_CLIENT_ID: z.string().optional(),
    BUS_GROUP_PREFIX: z.string().regex(/^[A-Za-z0-9._-]*$/, 'letters, digits, dot, dash, underscore only').optional(),
    BUS_NEW_GROUPS_START_AT: z.enum(['earliest', 'latest']).optional(),
    MONGO_URL: z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URL')
      .optional(),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// URL')
      .optional(),
    METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
    LOG_LEVEL: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
  })
  .superRefine((env, context) => {
    for (const name of ['SEED_LOAD_CLIENTS', 'SEED_LOAD_AGENTS'] as const) {
      if (env[name] > 0 && !SEEDABLE.has(env.APP_ENV)) {
        context.addIssue({
          code: 'custom',
          path: [name],
          message: `is refused when APP_ENV=${env.APP_ENV}: load users have known PINs, so only development and test may seed them`,
        });
      }
    }
    if (env.APP_ENV !== 'production') return;
    if (!env.JWT_SECRET) context.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required when APP_ENV=production' });
    if (!env.MESSAGE_SEAL_KEY) context.addIssue({ code: 'custom', path: ['MESSAGE_SEAL_KEY'], message: 'is required when APP_ENV=production' });
  })
  .transform((env) => ({
    appEnv: env.APP_ENV,
    jwtSecret: env.JWT_SECRET ?? DEV_JWT_SECRET,
    sealKey: env.MESSAGE_SEAL_KEY ?? DEV_SEAL_KEY,
    /** SEED_LOAD_CLIENTS / SEED_LOAD_AGENTS: how many load users each service seeds its part of. */
    seedLoad: { clients: env.SEED_LOAD_CLIENTS, agents: env.SEED_LOAD_AGENTS },
    /** Unset → the embedded default (in-process bus, in-memory stores). */
    bus: {
      groupPrefix: env.BUS_GROUP_PREFIX ?? '',
      newGroupsStartAt: env.BUS_NEW_GROUPS_START_AT ?? 'earliest',
      clientId: env.KAFKA_CLIENT_ID,
    },
    infrastructure: {
      kafkaBrokers: env.KAFKA_BROKERS ? env.KAFKA_BROKERS.split(',').map((broker) => broker.trim()).filter(Boolean) : undefined,
      mongoUrl: env.MONGO_URL || undefined,
      redisUrl: env.REDIS_URL || undefined,
    },
    /** METRICS_PORT: where a service process serves its process metrics; unset → none. */
    metricsPort: env.METRICS_PORT,
    /** LOG_LEVEL: info leaves out the line per handled message that debug writes. */
    logLevels: LOG_LEVELS[env.LOG_LEVEL],
  }));
export type PlatformEnv = z.infer<typeof PlatformEnvSchema>;

export function loadPlatformEnv(env: Env): PlatformEnv {
  return parseEnv(PlatformEnvSchema, env);
}

/** SEED_DEMO: true by default outside production, false in production unless set. */
export function seedDemoFrom(env: Env, appEnv: AppEnv): boolean {
  const raw = env.SEED_DEMO;
  if (raw === undefined || raw === '') return appEnv !== 'production';
  return raw === 'true' || raw === '1';
}
