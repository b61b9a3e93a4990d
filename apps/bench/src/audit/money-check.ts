import type { WalletView } from '@cashout/shared-contracts';
import { AuditResult, Credentials, PlatformApi, Population, STAFF, Violation, checkInvariants, collectAudit, quiesce, walletsOf } from '@cashout/chaos';
import type { StoreProbe } from '@cashout/chaos';
import { TimedCashOut } from '../load/timed-cash-out';

/** After every run of a mode: is the money exact? */
export interface MoneyCheck {
  exact: boolean;
  reconciliationBalanced: boolean;
  walletsChecked: number;
  walletsExact: number;
  /** SUCCEEDED intents by the ledger, and cash-outs the bench saw succeed: they must agree. */
  succeededByLedger: number;
  succeededByBench: number;
  intentsByStatus: Record<string, number>;
  /** Whether the risk reservations could be read (not in-process). */
  reservationsChecked: boolean;
  violations: Violation[];
}

/** Each load customer's wallets before the first cash-out of a mode. */
export function walletsBefore(api: PlatformApi, population: Population): Promise<Record<string, WalletView[]>> {
  return walletsOf(api, [...population.clients, ...population.agents], STAFF.operator);
}

/**
 * The verdict: the chaos suite's invariants all held, the reconciliation balanced, and the
 * ledger counts as many successes as the bench saw (no success unseen, none invented).
 */
export function moneyVerdict(audit: AuditResult, balanced: boolean, succeededByBench: number, reservationsChecked: boolean): MoneyCheck {
  const succeededByLedger = audit.intentsByStatus.SUCCEEDED ?? 0;
  const violations = audit.violations;
  const walletsExact = audit.wallets.filter((wallet) => wallet.actual === wallet.expected && wallet.available === wallet.actual).length;
  return {
    exact: violations.length === 0 && balanced && succeededByLedger === succeededByBench,
    reconciliationBalanced: balanced,
    walletsChecked: audit.wallets.length,
    walletsExact,
    succeededByLedger,
    succeededByBench,
    intentsByStatus: audit.intentsByStatus,
    reservationsChecked,
    violations,
  };
}

export interface MoneySources {
  api: PlatformApi;
  store: StoreProbe;
  reservationsChecked: boolean;
  population: Population;
  walletsBefore: Record<string, WalletView[]>;
  records: TimedCashOut[];
}

/**
 * Waits until no intent is live (a failed cash-out's intent expires; a successful one has
 * ended already), then runs the chaos suite's audit: every wallet moved exactly by the
 * SUCCEEDED cash-outs (tariff, commission), no hold left, GET /ledger/reconciliation balanced.
 */
export async function checkMoney(sources: MoneySources, say: (line: string) => void): Promise<MoneyCheck> {
  const admin: Credentials = STAFF.admin;
  await quiesce(sources.api, admin, 30_000, say);
  const input = await collectAudit({
    api: sources.api,
    admin,
    operator: STAFF.operator,
    store: sources.store,
    population: sources.population,
    walletsBefore: sources.walletsBefore,
    records: sources.records,
    redisRestarted: false,
  });
  const succeededByBench = sources.records.filter((record) => record.outcome === 'succeeded').length;
  // The chaos invariants already count broken journal chains as a violation; `balanced` here is the sums'.
  return moneyVerdict(checkInvariants(input), input.reconciliation.balanced, succeededByBench, sources.reservationsChecked);
}
