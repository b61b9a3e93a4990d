import request from 'supertest';
import { Role } from '@cashout/shared-contracts';
import { Harness, USERS, createHarness } from './support/gateway-harness';

let harness: Harness;
const http = () => request(harness.app.getHttpServer());
const bearer = (role: Role) => ({ Authorization: `Bearer ${harness.tokenFor(role)}` });
const AGENT = encodeURIComponent(USERS.AGENT.phone);

beforeEach(async () => {
  harness = await createHarness();
});

afterEach(async () => {
  await harness.close();
});

describe('GET /reports/agents/:phone/daily', () => {
  it('asks the reporting service for the range on behalf of the caller', async () => {
    const response = await http().get(`/reports/agents/${AGENT}/daily?from=2026-11-01&to=2026-11-27`).set(bearer('OPERATOR')).expect(200);

    expect(response.body).toEqual({ agentPhone: USERS.AGENT.phone, from: '2026-11-01', to: '2026-11-27', days: [], totals: [] });
    const [query] = harness.published('GetAgentDailyReport');
    expect(query.payload).toEqual({
      actor: { userId: USERS.OPERATOR.userId, role: 'OPERATOR' },
      agentPhone: USERS.AGENT.phone,
      from: '2026-11-01',
      to: '2026-11-27',
    });
    expect(query.aggregateId).toBe(USERS.AGENT.phone);
  });

  it('reads today when no day is given, and `to` alone when only `to` is', async () => {
    const today = new Date().toISOString().slice(0, 10);
    await http().get(`/reports/agents/${AGENT}/daily`).set(bearer('AGENT')).expect(200);
    await http().get(`/reports/agents/${AGENT}/daily?to=2026-10-02`).set(bearer('ADMIN')).expect(200);

    const [first, second] = harness.published('GetAgentDailyReport').map((message) => message.payload);
    expect(first).toMatchObject({ from: today, to: today, actor: { role: 'AGENT' } });
    expect(second).toMatchObject({ from: '2026-10-02', to: '2026-10-02' });
  });

  it.each([
    ['a phone that is not one', '/reports/agents/0500000001/daily', 'phone'],
    ['a day that is not a date', `/reports/agents/${AGENT}/daily?from=27-11-2026`, 'from'],
    ['a day that does not exist', `/reports/agents/${AGENT}/daily?from=2026-02-30&to=2026-03-01`, 'from'],
    ['from after to', `/reports/agents/${AGENT}/daily?from=2026-11-28&to=2026-11-27`, 'from'],
    ['more than 92 days', `/reports/agents/${AGENT}/daily?from=2026-01-01&to=2026-04-03`, 'to'],
    ['an unknown parameter', `/reports/agents/${AGENT}/daily?day=2026-11-27`, 'day'],
    ['a repeated parameter', `/reports/agents/${AGENT}/daily?from=2026-11-01&from=2026-11-02`, 'from'],
  ])('refuses %s with 400 naming the field', async (_case, path, field) => {
    const response = await http().get(path).set(bearer('ADMIN')).expect(400);

    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field })] });
    expect(harness.published('GetAgentDailyReport')).toEqual([]);
  });

  it('takes 92 days, both ends included', async () => {
    await http().get(`/reports/agents/${AGENT}/daily?from=2026-01-01&to=2026-04-02`).set(bearer('ADMIN')).expect(200);
  });

  it("passes a NOT_FOUND of the reporting service on as 404 (an unknown agent, or another agent's phone)", async () => {
    harness.answers.GetAgentDailyReport = () => ({ kind: 'error', error: { code: 'NOT_FOUND', message: `no report for agent ${USERS.AGENT.phone}` } });

    const response = await http().get(`/reports/agents/${AGENT}/daily`).set(bearer('AGENT')).expect(404);

    expect(response.body.error).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses clients', async () => {
    await http().get(`/reports/agents/${AGENT}/daily`).set(bearer('CLIENT')).expect(403);
  });
});
