import { LogLevel } from '@nestjs/common';
import { z } from 'zod';
import { JwtSettings } from '../security/jwt';
import { NamedSecret, secretProblems } from './secrets';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Runs every loader on one environment and returns what each read; if any fails, throws one
 * ConfigError with every problem of every loader (each named once), so that a start that
 * loads several services' settings lists them all at once.
 */
export function loadEvery<L extends Record<string, (env: Env) => unknown>>(loaders: L, env: Env): { [K in keyof L]: ReturnType<L[K]> } {
  const problems = new Set<string>();
  const loaded: Partial<Record<keyof L, unknown>> = {};
  for (const name of Object.keys(loaders) as Array<keyof L>) {
    try {
      loaded[name] = loaders[name](env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      for (const problem of error.problems) problems.add(problem);
    }
  }
  if (problems.size > 0) throw new ConfigError([...problems]);
  return loaded as { [K in keyof L]: ReturnType<L[K]> };
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
    .transform((value) =>
      value
        ? value
            .split(',')
            .map((item) => item.trim())
            .filter(Boolean)
        : [],
    );

/** Unset means production: development behaviour is asked for, never fallen into. */
export const AppEnvSchema = z.enum(['development', 'test', 'staging', 'production']).default('production');

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

export type AppEnv = z.infer<typeof AppEnvSchema>;

/**
 * The only environments with development behaviour: default secrets, demo and load data
 * (whose PINs everybody knows), the OTP sandbox. Staging behaves as production.
 */
const DEVELOPMENT_ENVS: ReadonlySet<AppEnv> = new Set<AppEnv>(['development', 'test']);

export function isDevelopmentEnv(appEnv: AppEnv): boolean {
  return DEVELOPMENT_ENVS.has(appEnv);
}

/** Nest's log levels shown at each LOG_LEVEL. */
const LOG_LEVELS = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
} as const satisfies Record<string, readonly LogLevel[]>;

const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me';
const DEV_SEAL_KEY = 'dev-only-message-seal-key';
/** Values published in this repository: never a secret outside development and test. */
export const DEVELOPMENT_SECRETS: readonly string[] = [DEV_JWT_SECRET, DEV_SEAL_KEY];

/**
 * Settings every service shares. In development and test the secrets have development
 * defaults; anywhere else each must be set, long, random-looking and used for one purpose
 * only, and a start lists every problem at once.
 */
export const PlatformEnvSchema = z
  .object({
    APP_ENV: AppEnvSchema,
    JWT_SECRET: z.string().optional(),
    JWT_KEY_ID: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,40}$/, 'letters, digits, dot, dash, underscore, at most 40')
      .default('k1'),
    JWT_PREVIOUS_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    JWT_PREVIOUS_KEY_ID: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,40}$/, 'letters, digits, dot, dash, underscore, at most 40')
      .optional(),
    JWT_ISSUER: z.string().min(1).default('cashout-auth'),
    JWT_AUDIENCE: z.string().min(1).default('cashout-gateway'),
    JWT_MAX_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(7 * 24 * 3600)
      .default(24 * 3600),
    MESSAGE_SEAL_KEY: z.string().optional(),
    SEED_DEMO: z.enum(['true', 'false', '1', '0', '']).optional(),
    SEED_LOAD_CLIENTS: envCount(),
    SEED_LOAD_AGENTS: envCount(),
    KAFKA_BROKERS: envList(),
    KAFKA_CLIENT_ID: z.string().optional(),
    BUS_GROUP_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9._-]*$/, 'letters, digits, dot, dash, underscore only')
      .optional(),
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
    /** INSTANCE_ID: `instance` on every log line; host name and pid when unset. */
    INSTANCE_ID: z.string().min(1).max(100).optional(),
  })
  .superRefine((env, context) => {
    if ((env.JWT_PREVIOUS_SECRET === undefined) !== (env.JWT_PREVIOUS_KEY_ID === undefined)) {
      context.addIssue({ code: 'custom', path: ['JWT_PREVIOUS_KEY_ID'], message: 'JWT_PREVIOUS_SECRET and JWT_PREVIOUS_KEY_ID go together (a rotation)' });
    } else if (env.JWT_PREVIOUS_KEY_ID !== undefined && env.JWT_PREVIOUS_KEY_ID === env.JWT_KEY_ID) {
      context.addIssue({ code: 'custom', path: ['JWT_PREVIOUS_KEY_ID'], message: 'must differ from JWT_KEY_ID' });
    }
    if (isDevelopmentEnv(env.APP_ENV)) {
      for (const name of ['JWT_SECRET', 'MESSAGE_SEAL_KEY'] as const) {
        const value = env[name];
        if (value !== undefined && value.length < 16) context.addIssue({ code: 'custom', path: [name], message: 'must be at least 16 characters' });
      }
      return;
    }
    for (const name of ['SEED_LOAD_CLIENTS', 'SEED_LOAD_AGENTS'] as const) {
      if (env[name] > 0) {
        context.addIssue({
          code: 'custom',
          path: [name],
          message: `is refused when APP_ENV=${env.APP_ENV}: load users have known PINs, so only development and test may seed them`,
        });
      }
    }
    if (env.SEED_DEMO === 'true' || env.SEED_DEMO === '1') {
      context.addIssue({
        code: 'custom',
        path: ['SEED_DEMO'],
        message: `is refused when APP_ENV=${env.APP_ENV}: demo users have known PINs, so only development and test may seed them`,
      });
    }
    const secrets = [
      { name: 'JWT_SECRET', value: env.JWT_SECRET },
      { name: 'MESSAGE_SEAL_KEY', value: env.MESSAGE_SEAL_KEY },
    ];
    for (const problem of secretProblems(secrets, DEVELOPMENT_SECRETS)) context.addIssue({ code: 'custom', path: [problem.name], message: problem.message });
  })
  .transform((env) => ({
    appEnv: env.APP_ENV,
    /** How tokens are signed and checked: key and id (and the previous one during a rotation), iss, aud, longest life. */
    jwt: {
      current: { id: env.JWT_KEY_ID, secret: env.JWT_SECRET ?? DEV_JWT_SECRET },
      ...(env.JWT_PREVIOUS_SECRET !== undefined && env.JWT_PREVIOUS_KEY_ID !== undefined
        ? { previous: { id: env.JWT_PREVIOUS_KEY_ID, secret: env.JWT_PREVIOUS_SECRET } }
        : {}),
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      maxLifetimeSeconds: env.JWT_MAX_TTL_SECONDS,
    } satisfies JwtSettings,
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
      kafkaBrokers: env.KAFKA_BROKERS.length > 0 ? env.KAFKA_BROKERS : undefined,
      mongoUrl: env.MONGO_URL || undefined,
      redisUrl: env.REDIS_URL || undefined,
    },
    /** METRICS_PORT: where a service process serves its process metrics; unset → none. */
    metricsPort: env.METRICS_PORT,
    /** LOG_LEVEL: what the process logs (Nest's level names). */
    logLevels: LOG_LEVELS[env.LOG_LEVEL],
  }));
export type PlatformEnv = z.infer<typeof PlatformEnvSchema>;

export function loadPlatformEnv(env: Env): PlatformEnv {
  return parseEnv(PlatformEnvSchema, env);
}

/** The log levels LOG_LEVEL asks for, info when unset or unreadable (the schema names a bad value). */
export function logLevelsOf(env: Env): readonly LogLevel[] {
  const level = z
    .enum(['error', 'warn', 'info', 'debug'])
    .catch('info')
    .parse(env.LOG_LEVEL ?? 'info');
  return LOG_LEVELS[level];
}

/**
 * A service's own secret (a key beyond the platform's two): outside development and test it is
 * held to the same rules and must differ from the platform's keys (one key per purpose). Adds
 * its problems to `context`; the platform's own keys' problems are the platform schema's.
 */
export function checkOwnSecret(env: Env, own: NamedSecret, context: z.RefinementCtx, known: readonly string[] = []): void {
  if (isDevelopmentEnv(appEnvOf(env))) return;
  const secrets = [{ name: 'JWT_SECRET', value: env.JWT_SECRET }, { name: 'MESSAGE_SEAL_KEY', value: env.MESSAGE_SEAL_KEY }, own];
  for (const problem of secretProblems(secrets, [...DEVELOPMENT_SECRETS, ...known])) {
    if (problem.name === own.name) context.addIssue({ code: 'custom', path: [own.name], message: problem.message });
  }
}

/** The APP_ENV an environment asks for, production when unset or unreadable (the schema names a bad value). */
export function appEnvOf(env: Env): AppEnv {
  return AppEnvSchema.catch('production').parse(env.APP_ENV);
}

/**
 * A service's settings: the platform's and its own schema's, with the problems of both
 * listed together when either fails.
 */
export function loadServiceEnv<S extends z.ZodType>(schema: S, env: Env): { platform: PlatformEnv; own: z.infer<S> } {
  return loadEvery({ platform: loadPlatformEnv, own: (source: Env): z.infer<S> => parseEnv(schema, source) }, env);
}

/** SEED_DEMO: true by default in development and test; elsewhere false (true is refused by the schema). */
export function seedDemoFrom(env: Env, appEnv: AppEnv): boolean {
  const raw = env.SEED_DEMO;
  if (raw === undefined || raw === '') return isDevelopmentEnv(appEnv);
  return (raw === 'true' || raw === '1') && isDevelopmentEnv(appEnv);
}
