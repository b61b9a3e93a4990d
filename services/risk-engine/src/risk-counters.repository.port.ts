import { RiskReason } from './domain/risk-reason';
import { Usage } from './domain/usage';

export const RISK_COUNTERS_REPOSITORY = Symbol('RISK_COUNTERS_REPOSITORY');

/** The amount an intent would take from a client's and an agent's counters. */
export interface ReservationRequest {
  intentId: string;
  clientId: string;
  agentId: string;
  amount: number;
  currency: string;
}

export type ReserveResult = { outcome: 'reserved' | 'already-reserved'; reasons: [] } | { outcome: 'refused'; reasons: RiskReason[] };

export type ReleaseOutcome = 'released' | 'already-released' | 'committed' | 'not-found';
export type CommitOutcome = 'committed' | 'already-committed' | 'not-found';

/**
 * Counters and reservations. reserveIfAllowed decides and reserves in one atomic step, so
 * two concurrent reservations can never together exceed a limit (in Redis: one Lua script).
 */
export interface RiskCountersRepository {
  usageFor(clientId: string, agentId: string, now: Date): Promise<Usage>;
  /**
   * Idempotent per intent: an active or committed reservation is approved again without
   * reserving twice; a released one is refused (RESERVATION_RELEASED): a release ends the
   * intent, so a reservation request delivered after it must not count again.
   */
  reserveIfAllowed(request: ReservationRequest, decide: (usage: Usage) => RiskReason[], now: Date): Promise<ReserveResult>;
  /**
   * An active reservation stops counting; a release of an intent with no reservation yet
   * is recorded, so the reservation can never be made later ('not-found'); anything else is
   * left as it is.
   */
  release(intentId: string): Promise<ReleaseOutcome>;
  /** The reservation becomes final and keeps counting in its windows. */
  commit(intentId: string): Promise<CommitOutcome>;
}
