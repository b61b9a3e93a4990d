import type { IntentView, ReconciliationView, WalletView } from '@cashout/shared-contracts';
import { Population } from './population';

/** The risk engine's reservation of an intent, as its store holds it; MISSING when it has none. */
export type ReservationState = 'ACTIVE' | 'RELEASED' | 'COMMITTED' | 'MISSING';

/** Everything the invariants are checked on, gathered after the quiesce. */
export interface AuditInput {
  population: Population;
  /** Each customer's wallets before the load started and after the quiesce, by phone. */
  walletsBefore: Record<string, WalletView[]>;
  walletsAfter: Record<string, WalletView[]>;
  /** Every intent of the run, as the ledger reports them after the quiesce. */
  intents: IntentView[];
  /** By intent id; intents left out were not probed. */
  reservations: Record<string, ReservationState>;
  reconciliation: ReconciliationView;
  /** Intents a caller was answered SUCCEEDED for. */
  toldSucceeded: string[];
  /** Ended intents whose last OTP was posted again after the quiesce, and the HTTP status answered. */
  otpReplays: Array<{ intentId: string; status: number }>;
  /** Redis was restarted during the run: it keeps nothing, so reservations may be MISSING. */
  redisRestarted: boolean;
  /** When the audit ran (ISO): live intents past their deadline by then should have expired. */
  at: string;
}

export const INVARIANTS = [
  'lost',
  'doubled',
  'negative-balance',
  'stuck-processing',
  'not-expired',
  'hold-left',
  'house-fees',
  'fee',
  'commission',
  'transaction-id',
  'reservation-not-released',
  'reservation-not-committed',
  'otp-still-usable',
  'reconciliation',
  'told-succeeded-but-not',
  'idempotency',
] as const;
export type Invariant = (typeof INVARIANTS)[number];

export interface Violation {
  invariant: Invariant;
  message: string;
  intentIds: string[];
  /** Wallet ids, or phone/kind when the wallet has no id yet. */
  wallets: string[];
}

export const LIVE_STATUSES = ['CREATED', 'OTP_SENT', 'OTP_VERIFIED', 'PIN_VERIFIED'] as const;
export const COMPENSATED_STATUSES = ['FAILED', 'EXPIRED'] as const;
