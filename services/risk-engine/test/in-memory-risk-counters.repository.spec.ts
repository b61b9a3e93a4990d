import { evaluateCashOut } from '../src/domain/evaluate-cash-out';
import { DEFAULT_RISK_LIMITS } from '../src/domain/risk-limits';
import { InMemoryRiskCountersRepository } from '../src/infrastructure/in-memory-risk-counters.repository';
import { ReservationRequest } from '../src/risk-counters.repository.port';

const now = new Date('2026-01-15T10:00:00.000Z');
const request = (intentId: string, amount = 50_000, clientId = 'client-1'): ReservationRequest => ({
  intentId,
  clientId,
  agentId: 'agent-1',
  amount,
  currency: 'XOF',
});
const tier1 = (amount: number) => (usage: Parameters<typeof evaluateCashOut>[1]) =>
  evaluateCashOut(DEFAULT_RISK_LIMITS, usage, { client: { kycTier: 1, status: 'ACTIVE' }, amount, currency: 'XOF' });

describe('InMemoryRiskCountersRepository', () => {
  let counters: InMemoryRiskCountersRepository;
  beforeEach(() => {
    counters = new InMemoryRiskCountersRepository();
  });

  it('reserves an allowed amount against the client and agent counters', async () => {
    expect(await counters.reserveIfAllowed(request('i1'), tier1(50_000), now)).toEqual({ outcome: 'reserved', reasons: [] });
    expect(await counters.usageFor('client-1', 'agent-1', now)).toEqual({
      clientDayTotal: 50_000,
      clientMonthTotal: 50_000,
      clientCashOutsLastHour: 1,
      agentDayTotal: 50_000,
    });
  });

  it('approves a reserved intent again without reserving twice', async () => {
    await counters.reserveIfAllowed(request('i1'), tier1(50_000), now);
    expect(await counters.reserveIfAllowed(request('i1'), tier1(50_000), now)).toEqual({
      outcome: 'already-reserved',
      reasons: [],
    });
    expect((await counters.usageFor('client-1', 'agent-1', now)).clientDayTotal).toBe(50_000);
  });

  it('refuses with the reasons and reserves nothing', async () => {
    const result = await counters.reserveIfAllowed(request('i1', 100_001), tier1(100_001), now);
    expect(result).toEqual({ outcome: 'refused', reasons: ['AMOUNT_ABOVE_MAXIMUM'] });
    expect((await counters.usageFor('client-1', 'agent-1', now)).clientDayTotal).toBe(0);
  });

  it('frees the counters when a reservation is released', async () => {
    await counters.reserveIfAllowed(request('i1'), tier1(50_000), now);
    expect(await counters.release('i1')).toBe('released');
    expect(await counters.usageFor('client-1', 'agent-1', now)).toEqual({
      clientDayTotal: 0,
      clientMonthTotal: 0,
      clientCashOutsLastHour: 0,
      agentDayTotal: 0,
    });
  });

  it('releases idempotently, and ignores an unknown intent', async () => {
    await counters.reserveIfAllowed(request('i1'), tier1(50_000), now);
    await counters.release('i1');
    expect(await counters.release('i1')).toBe('already-released');
    expect(await counters.release('unknown')).toBe('not-found');
  });

  it('reserves a released intent again on a later confirm', async () => {
    await counters.reserveIfAllowed(request('i1'), tier1(50_000), now);
    await counters.release('i1');
    expect((await counters.reserveIfAllowed(request('i1'), tier1(50_000), now)).outcome).toBe('reserved');
    expect((await counters.usageFor('client-1', 'agent-1', now)).clientDayTotal).toBe(50_000);
  });

  it('keeps committed amounts counting, and a release after commit changes nothing', async () => {
    await counters.reserveIfAllowed(request('i1'), tier1(50_000), now);
    expect(await counters.commit('i1')).toBe('committed');
    expect(await counters.commit('i1')).toBe('already-committed');
    expect(await counters.release('i1')).toBe('committed');
    expect((await counters.usageFor('client-1', 'agent-1', now)).clientDayTotal).toBe(50_000);
  });

  it('answers not-found when committing an unknown intent', async () => {
    expect(await counters.commit('unknown')).toBe('not-found');
  });

  it('lets the day limit refuse a reservation that would exceed it', async () => {
    for (const id of ['i1', 'i2', 'i3', 'i4']) await counters.reserveIfAllowed(request(id), tier1(50_000), now);
    const result = await counters.reserveIfAllowed(request('i5', 500), tier1(500), now);
    expect(result).toEqual({ outcome: 'refused', reasons: ['DAILY_LIMIT_EXCEEDED'] });
  });

  it('never lets concurrent reservations together exceed the daily limit', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => counters.reserveIfAllowed(request(`c${i}`, 30_000), tier1(30_000), now)),
    );
    const reserved = results.filter((result) => result.outcome === 'reserved');
    expect(reserved).toHaveLength(6);
    expect((await counters.usageFor('client-1', 'agent-1', now)).clientDayTotal).toBe(180_000);
  });

  it('reserves a concurrently redelivered intent only once', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => counters.reserveIfAllowed(request('same'), tier1(50_000), now)),
    );
    expect(results.filter((result) => result.outcome === 'reserved')).toHaveLength(1);
    expect((await counters.usageFor('client-1', 'agent-1', now)).clientDayTotal).toBe(50_000);
  });
});
