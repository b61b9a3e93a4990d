/** Latency figures of one step: how many, and the 50th, 95th and 99th percentiles (ms). */
export interface Spread {
  count: number;
  p50: number;
  p95: number;
  p99: number;
}

/**
 * The nearest-rank percentile: the smallest value with at least `percent` % of the sample at
 * or below it (so p100 is the maximum and a one-value sample is its own every percentile).
 * Undefined for an empty sample.
 */
export function percentile(values: readonly number[], percent: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((percent / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** The middle value (the mean of the two middle ones for an even count); undefined when empty. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Count and percentiles of a sample; an empty sample reads 0 everywhere. */
export function spread(values: readonly number[]): Spread {
  return {
    count: values.length,
    p50: percentile(values, 50) ?? 0,
    p95: percentile(values, 95) ?? 0,
    p99: percentile(values, 99) ?? 0,
  };
}
