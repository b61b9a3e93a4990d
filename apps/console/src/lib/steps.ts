import type { IntentStatus } from '../api/types';

/** The steps a person can take on an intent; the gateway answers INVALID_STATE to any other. */
export type Step = 'send-otp' | 'verify-otp' | 'verify-pin' | 'confirm' | 'cancel';

const ALLOWED_FROM: Record<Step, readonly IntentStatus[]> = {
  'send-otp': ['CREATED', 'OTP_SENT'],
  'verify-otp': ['OTP_SENT'],
  'verify-pin': ['OTP_VERIFIED'],
  confirm: ['PIN_VERIFIED'],
  cancel: ['CREATED', 'OTP_SENT', 'OTP_VERIFIED'],
};

export function canTake(status: IntentStatus, step: Step): boolean {
  return ALLOWED_FROM[step].includes(status);
}

/** Of two views of one intent, the later: more history wins, then the later update. */
export function laterView<T extends { history: unknown[]; updatedAt: string }>(current: T | undefined, next: T): T {
  if (!current) return next;
  if (next.history.length !== current.history.length) return next.history.length > current.history.length ? next : current;
  return Date.parse(next.updatedAt) >= Date.parse(current.updatedAt) ? next : current;
}
