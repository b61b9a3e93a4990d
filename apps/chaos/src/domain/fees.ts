/**
 * The tariff of the HTTP contract, restated here on purpose rather than imported from the
 * ledger: the checker must not share a bug with the code it checks.
 */
export interface FeeBand {
  min: number;
  max: number;
  fee: number;
}

/** XOF, inclusive bands. */
export const FEE_BANDS: readonly FeeBand[] = [
  { min: 500, max: 5_000, fee: 100 },
  { min: 5_001, max: 20_000, fee: 250 },
  { min: 20_001, max: 50_000, fee: 500 },
  { min: 50_001, max: 100_000, fee: 1_000 },
  { min: 100_001, max: 300_000, fee: 2_000 },
  { min: 300_001, max: 1_000_000, fee: 5_000 },
];

/** The agent's share of the fee, in percent. */
export const COMMISSION_PERCENT = 40;

/** The fee for an amount, or undefined outside every band. */
export function expectedFee(amount: number, bands: readonly FeeBand[] = FEE_BANDS): number | undefined {
  return bands.find((band) => amount >= band.min && amount <= band.max)?.fee;
}

/** The commission: a share of the fee rounded down, in integers only (no float near money). */
export function expectedCommission(fee: number, percent = COMMISSION_PERCENT): number {
  return Math.floor((fee * percent) / 100);
}
