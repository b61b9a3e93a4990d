/** Server trouble and throttling may pass; any other refusal will not, so it is not retried. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Delay before try n+1 after try n failed (n is 1-based): base, 2×base, 4×base, ... */
export function backoffDelayMs(failedTry: number, baseMs: number): number {
  return baseMs * 2 ** (failedTry - 1);
}
