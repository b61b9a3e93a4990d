import type { IntentStatus } from '@cashout/shared-contracts';
import { Violation } from '../domain/audit-input';
import { FlowPlan } from '../domain/flow-plan';

/**
 * succeeded: the intent SUCCEEDED. refused: the platform said no for a business reason
 * (risk, funds, a wrong OTP). abandoned: the flow walked away on purpose. failed: anything
 * else (no answer in time, the intent ended FAILED or EXPIRED under the faults).
 */
export type FlowOutcome = 'succeeded' | 'refused' | 'failed' | 'abandoned';

export interface FlowRecord {
  plan: FlowPlan;
  outcome: FlowOutcome;
  /** The error code or the reason the flow stopped. */
  reason?: string;
  intentId?: string;
  /** Intents opened by a re-sent POST /intents with another key, left to expire. */
  extraIntentIds: string[];
  finalStatus?: IntentStatus;
  /** A response told the caller SUCCEEDED. */
  toldSucceeded: boolean;
  /** The last OTP the flow read, to post it again once the intent has ended. */
  lastOtp?: string;
  startedAt: number;
  endedAt: number;
  /** Requests the flow sent a second time on purpose. */
  resent: number;
  findings: Violation[];
}
