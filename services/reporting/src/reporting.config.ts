import { z } from 'zod';
import { Env, PlatformEnv, loadServiceEnv } from '@cashout/platform';

export const REPORTING_CONFIG = Symbol('REPORTING_CONFIG');

/** The platform's settings; reporting has none of its own yet. */
export type ReportingConfig = PlatformEnv;

const ReportingEnvSchema = z.object({});

/** The only reader of the environment for the reporting service; fails fast at start-up. */
export function loadReportingConfig(env: Env): ReportingConfig {
  return loadServiceEnv(ReportingEnvSchema, env).platform;
}
