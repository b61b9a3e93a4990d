/** A fee band: amounts from `min` to `max` inclusive pay `fee` (all minor units). */
export interface FeeBand {
  min: number;
  max: number;
  fee: number;
}

export interface FeeSchedule {
  bands: FeeBand[];
  /** The agent's share of the fee in basis points (4000 = 40 %). */
  commissionBps: number;
}

export const DEFAULT_FEE_BANDS: FeeBand[] = [
  { min: 500, max: 5_000, fee: 100 },
  { min: 5_001, max: 20_000, fee: 250 },
  { min: 20_001, max: 50_000, fee: 500 },
  { min: 50_001, max: 100_000, fee: 1_000 },
  { min: 100_001, max: 300_000, fee: 2_000 },
  { min: 300_001, max: 1_000_000, fee: 5_000 },
];

/** The fee for an amount, or undefined when no band covers it. */
export function feeFor(amount: number, bands: FeeBand[]): number | undefined {
  return bands.find((band) => amount >= band.min && amount <= band.max)?.fee;
}

/** The agent's commission: a share of the fee, rounded down, in integer arithmetic. */
export function commissionFor(fee: number, commissionBps: number): number {
  return Math.floor((fee * commissionBps) / 10_000);
}

/** Bands must be ordered, non-overlapping, with positive integer bounds and fees. */
export function validateBands(bands: FeeBand[]): string[] {
  const problems: string[] = [];
  bands.forEach((band, index) => {
    for (const key of ['min', 'max', 'fee'] as const) {
      if (!Number.isSafeInteger(band[key]) || band[key] < 0) problems.push(`band ${index}: ${key} must be a non-negative integer`);
    }
    if (band.min > band.max) problems.push(`band ${index}: min is above max`);
    if (index > 0 && band.min <= bands[index - 1].max) problems.push(`band ${index}: overlaps the previous band`);
  });
  return problems;
}
