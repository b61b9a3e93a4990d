import { AuditInput, INVARIANTS, Invariant, Violation } from './audit-input';
import { intentViolations } from './intent-invariants';
import { WalletCheck, walletChecks, walletViolations } from './wallet-invariants';

export interface AuditResult {
  violations: Violation[];
  /** Violations by invariant, every invariant present (0 when it held). */
  counts: Record<Invariant, number>;
  /** XOF that should have moved and did not, and that moved once too often. */
  lostAmount: number;
  doubledAmount: number;
  wallets: WalletCheck[];
  intentsByStatus: Record<string, number>;
}

/**
 * Checks the money and the saga after a run: pure, so it is tested on sample data and the
 * runner only gathers what it needs. `extra` carries violations the flows saw themselves
 * (an Idempotency-Key that answered a second intent).
 */
export function checkInvariants(input: AuditInput, extra: Violation[] = []): AuditResult {
  const wallets = walletChecks(input);
  const violations = [...walletViolations(input, wallets), ...intentViolations(input), ...extra];
  const counts = Object.fromEntries(INVARIANTS.map((name) => [name, 0])) as Record<Invariant, number>;
  for (const violation of violations) counts[violation.invariant] += 1;
  const gapOf = (check: WalletCheck) => Math.abs(check.actual - check.expected);
  const direction = (check: WalletCheck) => (check.kind === 'MAIN' ? check.expected - check.actual : check.actual - check.expected);
  const intentsByStatus: Record<string, number> = {};
  for (const intent of input.intents) intentsByStatus[intent.status] = (intentsByStatus[intent.status] ?? 0) + 1;
  return {
    violations,
    counts,
    lostAmount: wallets.filter((check) => direction(check) < 0).reduce((sum, check) => sum + gapOf(check), 0),
    doubledAmount: wallets.filter((check) => direction(check) > 0).reduce((sum, check) => sum + gapOf(check), 0),
    wallets,
    intentsByStatus,
  };
}
