import { Injectable } from '@nestjs/common';
import { InMemoryCollection } from '@cashout/platform';
import { RiskReason } from '../domain/risk-reason';
import { CountedReservation, TimedAmount, Usage, usageOf } from '../domain/usage';
import { CommitOutcome, ReleaseOutcome, ReservationRequest, ReserveResult, RiskCountersRepository } from '../risk-counters.repository.port';

interface ReservationDocument extends CountedReservation {
  id: string;
  version: number;
  currency: string;
}

/** What a release that came before any reservation leaves: a mark that counts nothing. */
const RELEASED_BEFORE_RESERVED = { clientId: '', agentId: '', amount: 0, currency: '', reservedAt: '', status: 'RELEASED' as const };

/**
 * Reservations keyed by intent id, and what counts (active and committed ones) indexed by
 * client and by agent, as Redis keeps a client's and an agent's totals: a usage reads the
 * two parties' reservations, not every reservation ever made. Every operation runs in one
 * exclusive section, as a Redis Lua script would, so a decision and the reservation it
 * allows cannot interleave with another reservation.
 */
@Injectable()
export class InMemoryRiskCountersRepository implements RiskCountersRepository {
  private readonly reservations = new InMemoryCollection<ReservationDocument>();
  /** party id → intent id → the amount it counts; released reservations are not in it. */
  private readonly countingByClient = new Map<string, Map<string, TimedAmount>>();
  private readonly countingByAgent = new Map<string, Map<string, TimedAmount>>();
  private tail: Promise<unknown> = Promise.resolve();

  usageFor(clientId: string, agentId: string, now: Date): Promise<Usage> {
    return this.exclusive(() => this.usage(clientId, agentId, now));
  }

  reserveIfAllowed(request: ReservationRequest, decide: (usage: Usage) => RiskReason[], now: Date): Promise<ReserveResult> {
    return this.exclusive(async () => {
      const existing = await this.reservations.findById(request.intentId);
      if (existing?.status === 'RELEASED') return { outcome: 'refused', reasons: ['RESERVATION_RELEASED'] };
      if (existing) return { outcome: 'already-reserved', reasons: [] };
      const reasons = decide(await this.usage(request.clientId, request.agentId, now));
      if (reasons.length > 0) return { outcome: 'refused', reasons };
      const reservation = {
        id: request.intentId,
        intentId: request.intentId,
        clientId: request.clientId,
        agentId: request.agentId,
        amount: request.amount,
        currency: request.currency,
        reservedAt: now.toISOString(),
        status: 'ACTIVE' as const,
      };
      await this.reservations.insert({ ...reservation, version: 1 });
      this.count(reservation);
      return { outcome: 'reserved', reasons: [] };
    });
  }

  release(intentId: string): Promise<ReleaseOutcome> {
    return this.exclusive(async () => {
      if (!(await this.reservations.findById(intentId))) {
        await this.reservations.insert({ ...RELEASED_BEFORE_RESERVED, id: intentId, intentId, version: 1 });
        return 'not-found';
      }
      let outcome: ReleaseOutcome = 'not-found';
      const released = await this.reservations.update(intentId, (reservation) => {
        if (reservation.status === 'RELEASED') outcome = 'already-released';
        if (reservation.status === 'COMMITTED') outcome = 'committed';
        if (reservation.status !== 'ACTIVE') return undefined;
        outcome = 'released';
        return { ...reservation, status: 'RELEASED', version: reservation.version + 1 };
      });
      if (released) this.uncount(released);
      return outcome;
    });
  }

  commit(intentId: string): Promise<CommitOutcome> {
    return this.exclusive(async () => {
      let outcome: CommitOutcome = 'not-found';
      const committed = await this.reservations.update(intentId, (reservation) => {
        if (reservation.status === 'COMMITTED') {
          outcome = 'already-committed';
          return undefined;
        }
        // A success after a release still moved the money, so it must count again.
        outcome = 'committed';
        return { ...reservation, status: 'COMMITTED', version: reservation.version + 1 };
      });
      if (committed) this.count(committed);
      return outcome;
    });
  }

  private async usage(clientId: string, agentId: string, now: Date): Promise<Usage> {
    return usageOf(this.countingByClient.get(clientId)?.values() ?? [], this.countingByAgent.get(agentId)?.values() ?? [], now);
  }

  private count(reservation: CountedReservation): void {
    const counted: TimedAmount = { amount: reservation.amount, at: Date.parse(reservation.reservedAt) };
    indexed(this.countingByClient, reservation.clientId).set(reservation.intentId, counted);
    indexed(this.countingByAgent, reservation.agentId).set(reservation.intentId, counted);
  }

  private uncount(reservation: CountedReservation): void {
    this.countingByClient.get(reservation.clientId)?.delete(reservation.intentId);
    this.countingByAgent.get(reservation.agentId)?.delete(reservation.intentId);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }
}

function indexed(index: Map<string, Map<string, TimedAmount>>, party: string): Map<string, TimedAmount> {
  let amounts = index.get(party);
  if (!amounts) {
    amounts = new Map();
    index.set(party, amounts);
  }
  return amounts;
}
