import { evaluateCashOut } from '../src/domain/evaluate-cash-out';
import { DEFAULT_RISK_LIMITS, RiskLimits } from '../src/domain/risk-limits';
import { HOUR_MS, Usage } from '../src/domain/usage';
import { ReservationRequest, RiskCountersRepository } from '../src/risk-counters.repository.port';

export interface RiskCountersSubject {
  repository: RiskCountersRepository;
  close: () => Promise<void>;
}

const now = new Date('2026-01-15T10:00:00.000Z');
const at = (iso: string) => new Date(iso);
const request = (intentId: string, amount = 50_000, clientId = 'client-1', agentId = 'agent-1'): ReservationRequest => ({
  intentId,
  clientId,
  agentId,
  amount,
  currency: 'XOF',
});
const decideFor =
  (amount: number, limits: RiskLimits = DEFAULT_RISK_LIMITS) =>
  (usage: Usage) =>
    evaluateCashOut(limits, usage, { client: { kycTier: 1, status: 'ACTIVE' }, amount, currency: 'XOF' });
const tier1 = (amount: number) => decideFor(amount);
const usageOf = (clientDayTotal: number, clientMonthTotal: number, clientCashOutsLastHour: number, agentDayTotal: number): Usage => ({
  clientDayTotal,
  clientMonthTotal,
  clientCashOutsLastHour,
  agentDayTotal,
});

/**
 * What every RiskCountersRepository adapter promises: the same usage figures, idempotency
 * per intent, and decisions that concurrent callers can never jointly overrun.
 */
export function describeRiskCountersRepositoryContract(name: string, makeRepository: () => Promise<RiskCountersSubject>): void {
  describe(`RiskCountersRepository contract: ${name}`, () => {
    let subject: RiskCountersSubject;
    let counters: RiskCountersRepository;
    const reserve = (req: ReservationRequest, when = now) => counters.reserveIfAllowed(req, tier1(req.amount), when);

    beforeEach(async () => {
      subject = await makeRepository();
      counters = subject.repository;
    });

    afterEach(async () => {
      await subject.close();
    });

    describe('usage', () => {
      it('is zero for a client and agent that never cashed out', async () => {
        expect(await counters.usageFor('nobody', 'no-agent', now)).toEqual(usageOf(0, 0, 0, 0));
      });

      it('counts a reservation in the client day, month and hour and in the agent day', async () => {
        expect(await reserve(request('i1'))).toEqual({ outcome: 'reserved', reasons: [] });
        expect(await counters.usageFor('client-1', 'agent-1', now)).toEqual(usageOf(50_000, 50_000, 1, 50_000));
      });

      it('sums the agent day over every client, and keeps clients apart', async () => {
        await reserve(request('i1', 50_000, 'client-1'));
        await reserve(request('i2', 20_000, 'client-2'));
        expect(await counters.usageFor('client-2', 'agent-1', now)).toEqual(usageOf(20_000, 20_000, 1, 70_000));
        expect(await counters.usageFor('client-1', 'agent-2', now)).toEqual(usageOf(50_000, 50_000, 1, 0));
      });

      it('stops counting a cash-out towards velocity exactly one hour after it was reserved', async () => {
        await reserve(request('i1'));
        expect((await counters.usageFor('client-1', 'agent-1', new Date(now.getTime() + HOUR_MS - 1))).clientCashOutsLastHour).toBe(1);
        expect((await counters.usageFor('client-1', 'agent-1', new Date(now.getTime() + HOUR_MS))).clientCashOutsLastHour).toBe(0);
      });

      it('starts a new UTC day and a new UTC month at midnight', async () => {
        await reserve(request('i1'), at('2026-01-31T23:59:59.999Z'));
        expect(await counters.usageFor('client-1', 'agent-1', at('2026-01-31T23:59:59.999Z'))).toEqual(usageOf(50_000, 50_000, 1, 50_000));
        expect(await counters.usageFor('client-1', 'agent-1', at('2026-02-01T00:00:00.000Z'))).toEqual(usageOf(0, 0, 1, 0));
      });

      it('keeps an earlier day of the month in the month total only', async () => {
        await reserve(request('i1'), at('2026-01-14T10:00:00.000Z'));
        expect(await counters.usageFor('client-1', 'agent-1', now)).toEqual(usageOf(0, 50_000, 0, 0));
      });
    });

    describe('reserveIfAllowed', () => {
      it('hands the decision the current usage', async () => {
        await reserve(request('i1'));
        const seen: Usage[] = [];
        await counters.reserveIfAllowed(request('i2', 1_000), (usage) => (seen.push(usage), []), now);
        expect(seen.at(-1)).toEqual(usageOf(50_000, 50_000, 1, 50_000));
      });

      it('approves a reserved intent again without reserving twice', async () => {
        await reserve(request('i1'));
        expect(await reserve(request('i1'))).toEqual({ outcome: 'already-reserved', reasons: [] });
        expect((await counters.usageFor('client-1', 'agent-1', now)).clientDayTotal).toBe(50_000);
      });

      it('approves a committed intent again without reserving twice', async () => {
        await reserve(request('i1'));
        await counters.commit('i1');
        expect(await reserve(request('i1'))).toEqual({ outcome: 'already-reserved', reasons: [] });
        expect((await counters.usageFor('client-1', 'agent-1', now)).clientDayTotal).toBe(50_000);
      });

      it('refuses with the reasons and reserves nothing', async () => {
        const result = await reserve(request('i1', 100_001));
        expect(result).toEqual({ outcome: 'refused', reasons: ['AMOUNT_ABOVE_MAXIMUM'] });
        expect(await counters.usageFor('client-1', 'agent-1', now)).toEqual(usageOf(0, 0, 0, 0));
      });

      it('lets the day limit refuse a reservation that would exceed it', async () => {
        for (const id of ['i1', 'i2', 'i3', 'i4']) await reserve(request(id));
        expect(await reserve(request('i5', 500))).toEqual({ outcome: 'refused', reasons: ['DAILY_LIMIT_EXCEEDED'] });
      });

      it('never reserves a released intent again: a late request counts nothing', async () => {
        await reserve(request('i1'));
        await counters.release('i1');
        const later = new Date(now.getTime() + 2 * HOUR_MS);
        expect(await reserve(request('i1'), later)).toEqual({ outcome: 'refused', reasons: ['RESERVATION_RELEASED'] });
        expect(await counters.usageFor('client-1', 'agent-1', later)).toEqual(usageOf(0, 0, 0, 0));
      });

      it('never reserves an intent whose release came first (a late or reordered request)', async () => {
        expect(await counters.release('i1')).toBe('not-found');
        expect(await counters.release('i1')).toBe('already-released');

        expect(await reserve(request('i1'))).toEqual({ outcome: 'refused', reasons: ['RESERVATION_RELEASED'] });
        expect(await counters.usageFor('client-1', 'agent-1', now)).toEqual(usageOf(0, 0, 0, 0));
      });
    });

    describe('release and commit', () => {
      it('frees the counters when a reservation is released', async () => {
        await reserve(request('i1'));
        expect(await counters.release('i1')).toBe('released');
        expect(await counters.usageFor('client-1', 'agent-1', now)).toEqual(usageOf(0, 0, 0, 0));
      });

      it('releases idempotently, and ignores an unknown intent', async () => {
        await reserve(request('i1'));
        await counters.release('i1');
        expect(await counters.release('i1')).toBe('already-released');
        expect(await counters.release('unknown')).toBe('not-found');
        expect(await counters.usageFor('client-1', 'agent-1', now)).toEqual(usageOf(0, 0, 0, 0));
      });

      it('frees the day the reservation was made in when released a day later', async () => {
        await reserve(request('i1', 30_000), at('2026-01-14T10:00:00.000Z'));
        await reserve(request('i2', 20_000));
        expect(await counters.release('i1')).toBe('released');
        expect(await counters.usageFor('client-1', 'agent-1', now)).toEqual(usageOf(20_000, 20_000, 1, 20_000));
      });

      it('keeps committed amounts counting, and a release after commit changes nothing', async () => {
        await reserve(request('i1'));
        expect(await counters.commit('i1')).toBe('committed');
        expect(await counters.commit('i1')).toBe('already-committed');
        expect(await counters.release('i1')).toBe('committed');
        expect(await counters.usageFor('client-1', 'agent-1', now)).toEqual(usageOf(50_000, 50_000, 1, 50_000));
      });

      it('counts a reservation again when it is committed after a release', async () => {
        await reserve(request('i1'));
        await counters.release('i1');
        expect(await counters.commit('i1')).toBe('committed');
        expect(await counters.usageFor('client-1', 'agent-1', now)).toEqual(usageOf(50_000, 50_000, 1, 50_000));
      });

      it('answers not-found when committing an unknown intent', async () => {
        expect(await counters.commit('unknown')).toBe('not-found');
      });
    });

    describe('under concurrency', () => {
      it('never lets concurrent reservations together exceed the daily limit', async () => {
        const results = await Promise.all(Array.from({ length: 10 }, (_, i) => reserve(request(`c${i}`, 30_000))));
        expect(results.filter((result) => result.outcome === 'reserved')).toHaveLength(6);
        expect(results.filter((result) => result.outcome === 'refused')).toHaveLength(4);
        expect((await counters.usageFor('client-1', 'agent-1', now)).clientDayTotal).toBe(180_000);
      });

      it('never lets concurrent reservations together exceed the hourly velocity', async () => {
        const results = await Promise.all(Array.from({ length: 15 }, (_, i) => reserve(request(`v${i}`, 500))));
        expect(results.filter((result) => result.outcome === 'reserved')).toHaveLength(10);
        expect((await counters.usageFor('client-1', 'agent-1', now)).clientCashOutsLastHour).toBe(10);
      });

      it("never lets concurrent clients together exceed the agent's daily limit", async () => {
        const limits: RiskLimits = { ...DEFAULT_RISK_LIMITS, agentDailyTotal: 100_000 };
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, i) => counters.reserveIfAllowed(request(`a${i}`, 30_000, `client-${i}`), decideFor(30_000, limits), now)),
        );
        expect(results.filter((result) => result.outcome === 'reserved')).toHaveLength(3);
        expect((await counters.usageFor('client-0', 'agent-1', now)).agentDayTotal).toBe(90_000);
      });

      it('reserves a concurrently redelivered intent only once', async () => {
        const results = await Promise.all(Array.from({ length: 5 }, () => reserve(request('same'))));
        expect(results.filter((result) => result.outcome === 'reserved')).toHaveLength(1);
        expect(results.filter((result) => result.outcome === 'already-reserved')).toHaveLength(4);
        expect(await counters.usageFor('client-1', 'agent-1', now)).toEqual(usageOf(50_000, 50_000, 1, 50_000));
      });

      it('subtracts a reservation once when it is released concurrently', async () => {
        await reserve(request('keep', 20_000));
        await reserve(request('i1'));
        const outcomes = await Promise.all(Array.from({ length: 5 }, () => counters.release('i1')));
        expect(outcomes.filter((outcome) => outcome === 'released')).toHaveLength(1);
        expect(await counters.usageFor('client-1', 'agent-1', now)).toEqual(usageOf(20_000, 20_000, 1, 20_000));
      });

      it('ends committed and counted once when release and commit race', async () => {
        await reserve(request('i1'));
        await Promise.all([counters.release('i1'), counters.commit('i1'), counters.release('i1'), counters.commit('i1')]);
        expect(await counters.release('i1')).toBe('committed');
        expect(await counters.usageFor('client-1', 'agent-1', now)).toEqual(usageOf(50_000, 50_000, 1, 50_000));
      });
    });
  });
}
