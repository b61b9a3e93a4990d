import { daysInRange } from '@cashout/shared-contracts';
import { buildAgentReport } from '../src/domain/agent-report';
import { foldIntentEvent, IntentFacts } from '../src/domain/intent-facts';
import { checkReportRequest } from '../src/domain/report-access';
import { AGENT, eventOf, OTHER_AGENT, Steps, SUCCEEDED_STEPS, viewOf } from './intent-views';

const factsOf = (id: string, steps: Steps, options: Parameters<typeof viewOf>[2] = {}, offset = 0): IntentFacts => {
  const folded = foldIntentEvent(undefined, eventOf(viewOf(id, steps, options)), { partition: 0, offset });
  if (folded.kind !== 'applied') throw new Error('not applied');
  return folded.facts;
};

const FAILED: Steps = [
  ['CREATED', 0],
  ['OTP_SENT', 1],
  ['OTP_VERIFIED', 11],
  ['PIN_VERIFIED', 13],
  ['PROCESSING', 14],
  ['FAILED', 16],
];
const OPEN: Steps = [
  ['CREATED', 0],
  ['OTP_SENT', 4],
];

describe("an agent's daily report", () => {
  const intents = [
    factsOf('i-1', SUCCEEDED_STEPS),
    factsOf('i-2', SUCCEEDED_STEPS, { amount: 5_000, fees: 100, commission: 40 }),
    factsOf('i-3', FAILED),
    factsOf('i-4', OPEN),
    factsOf('i-5', SUCCEEDED_STEPS, { createdAt: '2026-11-28T23:59:59.000Z' }),
    factsOf('i-6', SUCCEEDED_STEPS, { agent: OTHER_AGENT }),
    factsOf('i-7', SUCCEEDED_STEPS, { createdAt: '2026-12-05T08:00:00.000Z' }),
  ];

  it('counts by status per UTC day of creation; volume, fees and commission of SUCCEEDED intents only', () => {
    const report = buildAgentReport(AGENT.phone, '2026-11-27', '2026-11-30', intents);

    expect(report.days.map(({ day, intents: count, byStatus, volume, fees, commission }) => ({ day, count, byStatus, volume, fees, commission }))).toEqual([
      { day: '2026-11-27', count: 4, byStatus: { SUCCEEDED: 2, FAILED: 1, OTP_SENT: 1 }, volume: 15_000, fees: 350, commission: 140 },
      { day: '2026-11-28', count: 1, byStatus: { SUCCEEDED: 1 }, volume: 10_000, fees: 250, commission: 100 },
    ]);
    expect(report.totals).toEqual([expect.objectContaining({ currency: 'XOF', intents: 5, volume: 25_000, fees: 600, commission: 240 })]);
  });

  it('sums the time spent in each state over the intents of the day', () => {
    const [day] = buildAgentReport(AGENT.phone, '2026-11-27', '2026-11-27', intents).days;

    expect(day.timeInState.CREATED).toEqual({ count: 4, totalMs: 2_000 + 2_000 + 1_000 + 4_000 });
    expect(day.timeInState.PROCESSING).toEqual({ count: 3, totalMs: 1_000 + 1_000 + 2_000 });
    expect(day.timeInState.OTP_SENT).toEqual({ count: 3, totalMs: 30_000 + 30_000 + 10_000 });
  });

  it('is the same whatever order the intents were applied in', () => {
    const forwards = buildAgentReport(AGENT.phone, '2026-11-01', '2026-12-31', intents);
    const backwards = buildAgentReport(AGENT.phone, '2026-11-01', '2026-12-31', [...intents].reverse());

    expect(backwards).toEqual(forwards);
    expect(forwards.days.map((day) => day.day)).toEqual(['2026-11-27', '2026-11-28', '2026-12-05']);
  });

  it('counts days both ends included', () => {
    expect(daysInRange('2026-11-27', '2026-11-27')).toBe(1);
    expect(daysInRange('2026-11-01', '2027-01-31')).toBe(92);
    expect(daysInRange('2026-11-28', '2026-11-27')).toBe(0);
  });
});

describe('who may read a report', () => {
  const range = { agentPhone: AGENT.phone, from: '2026-11-01', to: '2026-11-30' };

  it('lets staff read any known agent, and an agent itself', () => {
    expect(checkReportRequest({ userId: 'usr-admin-0001', role: 'ADMIN' }, range, AGENT.userId)).toBeUndefined();
    expect(checkReportRequest({ userId: 'usr-operator-0002', role: 'OPERATOR' }, range, AGENT.userId)).toBeUndefined();
    expect(checkReportRequest({ userId: AGENT.userId, role: 'AGENT' }, range, AGENT.userId)).toBeUndefined();
  });

  it("answers another agent's phone exactly as an unknown one", () => {
    const asOther = checkReportRequest({ userId: OTHER_AGENT.userId, role: 'AGENT' }, range, AGENT.userId);
    const unknown = checkReportRequest({ userId: OTHER_AGENT.userId, role: 'AGENT' }, range, undefined);

    expect(asOther).toEqual({ code: 'NOT_FOUND', message: `no report for agent ${AGENT.phone}` });
    expect(unknown).toEqual(asOther);
  });

  it('refuses clients, and a range backwards or longer than 92 days naming `to`', () => {
    expect(checkReportRequest({ userId: 'usr-client-0001', role: 'CLIENT' }, range, AGENT.userId)?.code).toBe('FORBIDDEN');
    const admin = { userId: 'usr-admin-0001', role: 'ADMIN' } as const;
    expect(checkReportRequest(admin, { ...range, to: '2026-10-31' }, AGENT.userId)).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'to' }] });
    expect(checkReportRequest(admin, { ...range, to: '2027-02-01' }, AGENT.userId)).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'to' }] });
  });
});
