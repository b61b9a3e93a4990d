import { ReservationState } from '../domain/audit-input';

/**
 * What the audit must read from a service's own store because no HTTP endpoint tells it.
 * The one place that knows a storage layout; keep it to layouts that are stable.
 */
export interface StoreProbe {
  /** The risk engine's reservation of each intent. */
  reservations(intentIds: string[]): Promise<Record<string, ReservationState>>;
  close(): Promise<void>;
}
