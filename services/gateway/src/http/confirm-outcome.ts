import { IntentStatus } from '@cashout/shared-contracts';

const FINAL_STATUSES: ReadonlySet<IntentStatus> = new Set(['SUCCEEDED', 'FAILED', 'CANCELED', 'EXPIRED']);

export function isFinal(status: IntentStatus): boolean {
  return FINAL_STATUSES.has(status);
}

/**
 * The HTTP status of a confirm answer: 200 once the intent reached an outcome or the
 * ledger answered with a settled state; 202 while money may still be in flight.
 */
export function confirmHttpStatus(status: IntentStatus): 200 | 202 {
  return status === 'PROCESSING' ? 202 : 200;
}

export type ConfirmAfterWait = { kind: 'answer'; status: 200 | 202 } | { kind: 'keep-waiting' };

/**
 * When the confirm's answer did not come within the confirm wait, the gateway reads the
 * intent. PROCESSING means the confirm was accepted and money is in flight: 202. A final
 * state is the answer: 200. Anything before PROCESSING (PIN_VERIFIED while the funds hold
 * and the risk confirm run) may still end in a refusal, so a 202 would promise what the
 * platform has not granted: keep waiting for the confirm's own answer instead.
 */
export function confirmAfterWait(status: IntentStatus): ConfirmAfterWait {
  if (status === 'PROCESSING') return { kind: 'answer', status: 202 };
  if (isFinal(status)) return { kind: 'answer', status: 200 };
  return { kind: 'keep-waiting' };
}
