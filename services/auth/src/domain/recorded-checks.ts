/**
 * The outcome of a check, kept on the document it changed under the request's key (a step
 * id or a message id) so a redelivered request re-emits the same outcome instead of
 * counting a second attempt.
 */
export interface RecordedCheck<TOutcome> {
  key: string;
  outcome: TOutcome;
}

/**
 * Bounded so a document never grows without limit; redeliveries arrive soon after the
 * original, so the latest checks are the ones that matter.
 */
export const RECORDED_CHECKS_KEPT = 20;

export function findRecordedCheck<TOutcome>(checks: readonly RecordedCheck<TOutcome>[], key: string): TOutcome | undefined {
  return checks.find((check) => check.key === key)?.outcome;
}

export function recordCheck<TOutcome>(checks: readonly RecordedCheck<TOutcome>[], key: string, outcome: TOutcome): RecordedCheck<TOutcome>[] {
  return [...checks.filter((check) => check.key !== key), { key, outcome }].slice(-RECORDED_CHECKS_KEPT);
}

/**
 * What comparing a submitted secret against its hash gave. UNREADABLE: the sealed secret
 * could not be opened (tampered with or sealed under another key), which says nothing about
 * the user's knowledge, so it never counts as a wrong attempt. NOT_COMPARED: the state
 * already refused the check, so no hash was compared.
 */
export type SecretComparison = 'MATCH' | 'MISMATCH' | 'UNREADABLE' | 'NOT_COMPARED';
