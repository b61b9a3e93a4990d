import { z } from 'zod';
import { NotificationChannel, NotificationChannelSchema, PhoneSchema } from '@cashout/shared-contracts';
import { AppEnv, ConfigError, Env, envInt, envList, loadServiceEnv } from '@cashout/platform';

export const NOTIFICATIONS_CONFIG = Symbol('NOTIFICATIONS_CONFIG');

export interface HttpProviderConfig {
  baseUrl: string;
  token: string;
}

export interface BrevoConfig {
  baseUrl: string;
  apiKey: string;
  senderEmail: string;
  senderName: string;
}

export interface NotificationsConfig {
  appEnv: AppEnv;
  defaultChannel: NotificationChannel;
  /** E.164 phones that receive their messages outside production. */
  whitelist: string[];
  copyEmail: string;
  copyWhatsapp: string;
  /** Unset → e-mails are only recorded to the sandbox log. */
  brevo?: BrevoConfig;
  /** Unset → WhatsApp messages are only recorded to the sandbox log. */
  tambila?: HttpProviderConfig;
  /** Unset → SMS are only recorded to the sandbox log. */
  sms?: HttpProviderConfig;
  /** Tries per provider call, the first included. */
  providerRetries: number;
  providerTimeoutMs: number;
  /** Delay before the second try; doubles for each further try. */
  providerBackoffMs: number;
  /** The embedded (in-memory) sandbox log keeps this many most recent dispatches. */
  sandboxLogSize: number;
}

/** How many dispatches the embedded sandbox log keeps when not told (NOTIF_SANDBOX_LOG_SIZE). */
export const DEFAULT_SANDBOX_LOG_SIZE = 1_000;

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));
const optionalUrl = optionalText.pipe(z.url({ protocol: /^https?$/ }).optional());

const NotificationsEnvSchema = z.object({
  NOTIF_DEFAULT_CHANNEL: NotificationChannelSchema.default('WHATSAPP'),
  NOTIF_WHITELIST: envList().pipe(z.array(PhoneSchema)),
  NOTIF_COPY_EMAIL: z.email().default('otp-copies@cashout.local'),
  NOTIF_COPY_WHATSAPP: PhoneSchema.default('+2250000000099'),
  BREVO_BASE_URL: optionalUrl,
  BREVO_API_KEY: optionalText,
  BREVO_SENDER_EMAIL: z.email().default('no-reply@cashout.local'),
  BREVO_SENDER_NAME: z.string().min(1).default('Cash-out'),
  TAMBILA_BASE_URL: optionalUrl,
  TAMBILA_TOKEN: optionalText,
  SMS_BASE_URL: optionalUrl,
  SMS_TOKEN: optionalText,
  NOTIF_PROVIDER_RETRIES: envInt(3, 1),
  NOTIF_PROVIDER_TIMEOUT_MS: envInt(5000, 1),
  NOTIF_PROVIDER_BACKOFF_MS: envInt(200, 0),
  NOTIF_SANDBOX_LOG_SIZE: envInt(DEFAULT_SANDBOX_LOG_SIZE, 1),
});

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * A provider needs its URL and its secret together; one without the other is a typo that
 * would silently fall back to the sandbox, so it stops the start instead.
 */
function pair(urlName: string, url: string | undefined, secretName: string, secret: string | undefined, problems: string[]) {
  if (url && secret) return { baseUrl: trimSlash(url), secret };
  if (url) problems.push(`${secretName}: is required when ${urlName} is set`);
  if (secret) problems.push(`${urlName}: is required when ${secretName} is set`);
  return undefined;
}

/** The only place the notifications service reads its environment. */
export function loadNotificationsConfig(env: Env): NotificationsConfig {
  const { platform, own: parsed } = loadServiceEnv(NotificationsEnvSchema, env);
  const problems: string[] = [];
  const brevo = pair('BREVO_BASE_URL', parsed.BREVO_BASE_URL, 'BREVO_API_KEY', parsed.BREVO_API_KEY, problems);
  const tambila = pair('TAMBILA_BASE_URL', parsed.TAMBILA_BASE_URL, 'TAMBILA_TOKEN', parsed.TAMBILA_TOKEN, problems);
  const sms = pair('SMS_BASE_URL', parsed.SMS_BASE_URL, 'SMS_TOKEN', parsed.SMS_TOKEN, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    appEnv: platform.appEnv,
    defaultChannel: parsed.NOTIF_DEFAULT_CHANNEL,
    whitelist: parsed.NOTIF_WHITELIST,
    copyEmail: parsed.NOTIF_COPY_EMAIL,
    copyWhatsapp: parsed.NOTIF_COPY_WHATSAPP,
    brevo: brevo && {
      baseUrl: brevo.baseUrl,
      apiKey: brevo.secret,
      senderEmail: parsed.BREVO_SENDER_EMAIL,
      senderName: parsed.BREVO_SENDER_NAME,
    },
    tambila: tambila && { baseUrl: tambila.baseUrl, token: tambila.secret },
    sms: sms && { baseUrl: sms.baseUrl, token: sms.secret },
    providerRetries: parsed.NOTIF_PROVIDER_RETRIES,
    providerTimeoutMs: parsed.NOTIF_PROVIDER_TIMEOUT_MS,
    providerBackoffMs: parsed.NOTIF_PROVIDER_BACKOFF_MS,
    sandboxLogSize: parsed.NOTIF_SANDBOX_LOG_SIZE,
  };
}
