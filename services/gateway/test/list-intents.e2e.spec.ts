import request from 'supertest';
import { Role } from '@cashout/shared-contracts';
import { Harness, USERS, createHarness } from './support/gateway-harness';

let harness: Harness;
const http = () => request(harness.app.getHttpServer());
const bearer = (role: Role) => ({ Authorization: `Bearer ${harness.tokenFor(role)}` });
const OTHER_AGENT = '+2250500000002';

beforeEach(async () => {
  harness = await createHarness();
});

afterEach(async () => {
  await harness.close();
});

describe('GET /intents filters', () => {
  it('passes every filter to the ledger, with the cursor and the caller, and answers its page', async () => {
    harness.answers.ListIntents = () => ({ kind: 'intent-page', items: [], nextCursor: 'bmV4dA' });
    const query = {
      status: 'SUCCEEDED',
      agentPhone: USERS.AGENT.phone,
      clientPhone: USERS.CLIENT.phone,
      from: '2026-11-01',
      to: '2026-11-27',
      limit: '5',
      cursor: 'abc',
    };

    const response = await http().get('/intents').query(query).set(bearer('OPERATOR')).expect(200);

    expect(response.body).toEqual({ items: [], nextCursor: 'bmV4dA' });
    expect(harness.published('ListIntents').map((message) => message.payload)).toEqual([
      { ...query, limit: 5, actor: { userId: USERS.OPERATOR.userId, role: 'OPERATOR' } },
    ]);
  });

  it('sends no field for a filter not given', async () => {
    await http().get('/intents').query({ clientPhone: USERS.CLIENT.phone }).set(bearer('ADMIN')).expect(200);

    expect(harness.published('ListIntents')[0].payload).toEqual({
      actor: { userId: USERS.ADMIN.userId, role: 'ADMIN' },
      limit: 20,
      clientPhone: USERS.CLIENT.phone,
    });
  });

  it("asks for an agent's list as that agent, whatever phone it filters on: the ledger keeps it to its own", async () => {
    await http().get('/intents').query({ agentPhone: OTHER_AGENT }).set(bearer('AGENT')).expect(200);

    expect(harness.published('ListIntents')[0].payload).toEqual({ actor: { userId: USERS.AGENT.userId, role: 'AGENT' }, limit: 20, agentPhone: OTHER_AGENT });
  });

  it('takes from and to on the same day, a range of 92 days, and either alone', async () => {
    for (const query of [{ from: '2026-11-27', to: '2026-11-27' }, { from: '2026-01-01', to: '2026-04-02' }, { from: '2026-11-01' }, { to: '2026-11-01' }]) {
      await http().get('/intents').query(query).set(bearer('ADMIN')).expect(200);
    }
    expect(harness.published('ListIntents')).toHaveLength(4);
  });

  it.each([
    ['an agent phone that is not E.164', 'agentPhone=0500000001', 'agentPhone'],
    ['a client phone without its plus sign', 'clientPhone=2250100000001', 'clientPhone'],
    ['a day that is not a date', 'from=27-11-2026', 'from'],
    ['a day that does not exist', 'to=2026-02-30', 'to'],
    ['from after to', 'from=2026-11-28&to=2026-11-27', 'from'],
    ['more than 92 days', 'from=2026-01-01&to=2026-04-03', 'to'],
    ['a repeated filter', `agentPhone=${encodeURIComponent(USERS.AGENT.phone)}&agentPhone=${encodeURIComponent(OTHER_AGENT)}`, 'agentPhone'],
    ['an unknown parameter', 'phone=%2B2250100000001', 'phone'],
    ['an empty cursor', 'cursor=', 'cursor'],
  ])('refuses %s with 400 naming the parameter, asking nothing', async (_case, query, field) => {
    const response = await http().get(`/intents?${query}`).set(bearer('ADMIN')).expect(400);

    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field })], correlationId: expect.any(String) });
    expect(harness.published('ListIntents')).toEqual([]);
  });

  it("passes the ledger's refusal of a cursor given with other filters on as 400 naming cursor", async () => {
    const details = [{ field: 'cursor', message: 'was given for other filters' }];
    harness.answers.ListIntents = () => ({ kind: 'error', error: { code: 'VALIDATION_FAILED', message: 'the request is invalid', details } });

    const response = await http().get('/intents').query({ status: 'FAILED', cursor: 'abc' }).set(bearer('ADMIN')).expect(400);

    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details });
  });
});
