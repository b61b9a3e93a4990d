import { CountedReservation, computeUsage } from '../src/domain/usage';

const now = new Date('2026-03-15T12:00:00.000Z');
const reservation = (reservedAt: string, overrides: Partial<CountedReservation> = {}): CountedReservation => ({
  intentId: `intent-${reservedAt}`,
  clientId: 'client-1',
  agentId: 'agent-1',
  amount: 1_000,
  reservedAt,
  status: 'ACTIVE',
  ...overrides,
});

describe('computeUsage', () => {
  it('counts active and committed reservations of the client and the agent', () => {
    const usage = computeUsage(
      [reservation('2026-03-15T11:30:00.000Z'), reservation('2026-03-15T11:40:00.000Z', { status: 'COMMITTED', amount: 2_000 })],
      'client-1',
      'agent-1',
      now,
    );
    expect(usage).toEqual({ clientDayTotal: 3_000, clientMonthTotal: 3_000, clientCashOutsLastHour: 2, agentDayTotal: 3_000 });
  });

  it('ignores released reservations', () => {
    const usage = computeUsage([reservation('2026-03-15T11:30:00.000Z', { status: 'RELEASED' })], 'client-1', 'agent-1', now);
    expect(usage).toEqual({ clientDayTotal: 0, clientMonthTotal: 0, clientCashOutsLastHour: 0, agentDayTotal: 0 });
  });

  it('stops counting a cash-out towards velocity exactly one hour after it was reserved', () => {
    const rolledOff = computeUsage([reservation('2026-03-15T11:00:00.000Z')], 'client-1', 'agent-1', now);
    const stillIn = computeUsage([reservation('2026-03-15T11:00:00.001Z')], 'client-1', 'agent-1', now);
    expect(rolledOff.clientCashOutsLastHour).toBe(0);
    expect(stillIn.clientCashOutsLastHour).toBe(1);
  });

  it('starts the day at UTC midnight', () => {
    const usage = computeUsage([reservation('2026-03-14T23:59:59.999Z'), reservation('2026-03-15T00:00:00.000Z', { amount: 7 })], 'client-1', 'agent-1', now);
    expect(usage.clientDayTotal).toBe(7);
    expect(usage.agentDayTotal).toBe(7);
    expect(usage.clientMonthTotal).toBe(1_007);
  });

  it('starts the month on the 1st at UTC midnight', () => {
    const usage = computeUsage([reservation('2026-02-28T23:59:59.999Z'), reservation('2026-03-01T00:00:00.000Z', { amount: 7 })], 'client-1', 'agent-1', now);
    expect(usage.clientMonthTotal).toBe(7);
  });

  it('keeps other clients out of the client counters but in the agent counter', () => {
    const usage = computeUsage([reservation('2026-03-15T11:30:00.000Z', { clientId: 'client-2' })], 'client-1', 'agent-1', now);
    expect(usage).toEqual({ clientDayTotal: 0, clientMonthTotal: 0, clientCashOutsLastHour: 0, agentDayTotal: 1_000 });
  });

  it('keeps other agents out of the agent counter but in the client counters', () => {
    const usage = computeUsage([reservation('2026-03-15T11:30:00.000Z', { agentId: 'agent-2' })], 'client-1', 'agent-1', now);
    expect(usage).toEqual({ clientDayTotal: 1_000, clientMonthTotal: 1_000, clientCashOutsLastHour: 1, agentDayTotal: 0 });
  });
});
