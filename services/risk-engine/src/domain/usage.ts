/** What a client and an agent have already cashed out in the windows that limits apply to. */
export interface Usage {
  clientDayTotal: number;
  clientMonthTotal: number;
  clientCashOutsLastHour: number;
  agentDayTotal: number;
}

export type ReservationStatus = 'ACTIVE' | 'COMMITTED' | 'RELEASED';

/** A reservation as the usage rules see it. */
export interface CountedReservation {
  intentId: string;
  clientId: string;
  agentId: string;
  amount: number;
  reservedAt: string;
  status: ReservationStatus;
}

export const HOUR_MS = 60 * 60 * 1000;

export const startOfUtcDay = (now: Date): number => Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());

export const startOfUtcMonth = (now: Date): number => Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);

/** An amount that counts, reserved at `at` (epoch milliseconds). */
export interface TimedAmount {
  amount: number;
  at: number;
}

/**
 * Days and months are UTC calendar periods; the hour is rolling: a cash-out stops counting
 * towards velocity exactly one hour after it was reserved. Active and committed
 * reservations count; released ones do not.
 */
export function computeUsage(reservations: readonly CountedReservation[], clientId: string, agentId: string, now: Date): Usage {
  const counted = reservations.filter((reservation) => reservation.status !== 'RELEASED');
  const timed = (reservation: CountedReservation): TimedAmount => ({ amount: reservation.amount, at: Date.parse(reservation.reservedAt) });
  return usageOf(
    counted.filter((reservation) => reservation.clientId === clientId).map(timed),
    counted.filter((reservation) => reservation.agentId === agentId).map(timed),
    now,
  );
}

/** computeUsage over what already counts: the client's reservations and the agent's (the same rules). */
export function usageOf(client: Iterable<TimedAmount>, agent: Iterable<TimedAmount>, now: Date): Usage {
  const dayStart = startOfUtcDay(now);
  const monthStart = startOfUtcMonth(now);
  const hourStart = now.getTime() - HOUR_MS;
  const usage: Usage = { clientDayTotal: 0, clientMonthTotal: 0, clientCashOutsLastHour: 0, agentDayTotal: 0 };
  for (const { amount, at } of client) {
    if (at >= dayStart) usage.clientDayTotal += amount;
    if (at >= monthStart) usage.clientMonthTotal += amount;
    if (at > hourStart) usage.clientCashOutsLastHour += 1;
  }
  for (const { amount, at } of agent) {
    if (at >= dayStart) usage.agentDayTotal += amount;
  }
  return usage;
}
