/** Completions per second over a window, and in each tenth of it (the first and last tell whether it decays). */
export interface Throughput {
  perSecond: number;
  /** Completions per second in each tenth of the window, in order. */
  tenths: number[];
  firstTenth: number;
  lastTenth: number;
  /** lastTenth / firstTenth; undefined when nothing completed in the first tenth. */
  lastToFirst?: number;
}

export const TENTHS = 10;

/**
 * Counts the completions (end times, ms) inside [start, end]; those outside (the drain after
 * the window) are left out, so that fewer workers at the end do not read as a decay.
 */
export function throughput(endTimes: readonly number[], start: number, end: number): Throughput {
  const windowMs = Math.max(1, end - start);
  const tenthMs = windowMs / TENTHS;
  const counts = Array.from({ length: TENTHS }, () => 0);
  let inside = 0;
  for (const at of endTimes) {
    if (at < start || at > end) continue;
    inside += 1;
    counts[Math.min(TENTHS - 1, Math.floor((at - start) / tenthMs))] += 1;
  }
  const tenths = counts.map((count) => count / (tenthMs / 1000));
  const [firstTenth, lastTenth] = [tenths[0], tenths[TENTHS - 1]];
  return {
    perSecond: inside / (windowMs / 1000),
    tenths,
    firstTenth,
    lastTenth,
    ...(firstTenth > 0 ? { lastToFirst: lastTenth / firstTenth } : {}),
  };
}

/** Fewer completions than this in the first tenth, and a change between tenths is noise. */
export const MIN_TENTH_COUNT = 20;

export type Trend = 'steady' | 'decays' | 'too-few';

/**
 * Whether throughput held from the first tenth of the window to the last: it decays below
 * 80 % of the first tenth's; with too few completions per tenth, no verdict.
 */
export function trend(firstTenthPerSecond: number, lastTenthPerSecond: number, windowS: number): Trend {
  if (firstTenthPerSecond * (windowS / TENTHS) < MIN_TENTH_COUNT) return 'too-few';
  return lastTenthPerSecond < 0.8 * firstTenthPerSecond ? 'decays' : 'steady';
}
