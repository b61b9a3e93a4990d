import { NotificationChannel } from '@cashout/shared-contracts';
import { OTP_MASK, otpText } from './message-text';

export type AppEnvironment = 'development' | 'test' | 'staging' | 'production';

/** Who receives a message: the client, or (outside production) nobody but the team. */
export type Audience = { kind: 'CLIENT'; because: 'PRODUCTION' | 'WHITELISTED' } | { kind: 'TEAM_COPIES'; copies: TeamCopyTarget[] };

export interface TeamCopyTarget {
  channel: NotificationChannel;
  to: string;
}

export interface TeamAddresses {
  email: string;
  whatsapp: string;
}

/**
 * Only production reaches real clients freely; elsewhere a whitelisted number (a tester's
 * phone) receives its message, and any other number is skipped while the team gets
 * copies by e-mail and WhatsApp, so test traffic never texts a stranger.
 */
export function decideAudience(input: { appEnv: AppEnvironment; customerPhone: string; isWhitelisted: boolean; team: TeamAddresses }): Audience {
  if (input.appEnv === 'production') return { kind: 'CLIENT', because: 'PRODUCTION' };
  if (input.isWhitelisted) return { kind: 'CLIENT', because: 'WHITELISTED' };
  return {
    kind: 'TEAM_COPIES',
    copies: [
      { channel: 'EMAIL', to: input.team.email },
      { channel: 'WHATSAPP', to: input.team.whatsapp },
    ],
  };
}

/** The plain OTP may be stored in the sandbox log and team copies only in development and test (where the sandbox is). */
export function mayRecordPlainOtp(appEnv: AppEnvironment): boolean {
  return appEnv === 'development' || appEnv === 'test';
}

/** What an OTP message sends, and what its records may keep of it. */
export interface OtpMessage {
  text: string;
  recorded: { body: string; otp?: string };
}

/**
 * The client always receives the code; the records keep it only in development and test,
 * where testers read it from the sandbox log. Elsewhere the record is masked.
 */
export function otpMessage(appEnv: AppEnvironment, otp: string, expiresAt: string): OtpMessage {
  const text = otpText(otp, expiresAt);
  if (mayRecordPlainOtp(appEnv)) return { text, recorded: { body: text, otp } };
  return { text, recorded: { body: otpText(OTP_MASK, expiresAt) } };
}
