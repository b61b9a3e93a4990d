/** The timed steps of one operator cash-out, in order. */
export const STEPS = ['login', 'create', 'send-otp', 'read-otp', 'verify-otp', 'verify-pin', 'confirm'] as const;
export type Step = (typeof STEPS)[number];

/**
 * One cash-out as the bench ran it: what each step took (ms), and what the money audit
 * needs (its intent, the last OTP read, whether a caller was told SUCCEEDED).
 */
export interface TimedCashOut {
  index: number;
  outcome: 'succeeded' | 'failed';
  /** The step that failed and why. */
  reason?: string;
  startedAt: number;
  endedAt: number;
  steps: Partial<Record<Step, number>>;
  intentId?: string;
  lastOtp?: string;
  toldSucceeded: boolean;
}
