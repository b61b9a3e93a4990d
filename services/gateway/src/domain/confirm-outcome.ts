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

/**
 * When the confirm answer did not arrive in time the gateway reads the intent instead:
 * only a final state is a definitive answer (200); anything else is still under way (202).
 */
export function confirmFallbackHttpStatus(status: IntentStatus): 200 | 202 {
  return isFinal(status) ? 200 : 202;
}
