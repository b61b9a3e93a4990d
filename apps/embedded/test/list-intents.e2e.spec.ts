import { bearer, embeddedSystem, ErrorResponse, Harness, IntentBody, IntentDriver, PHONES, startHarness } from './harness';

jest.setTimeout(60_000);

type Page = { items: IntentBody[]; nextCursor: string | null };

/** The intents list's filters through HTTP, on the whole platform (embedded default). */
describe('GET /intents with filters, end to end (embedded)', () => {
  let harness: Harness;
  let created: Record<'first' | 'canceled' | 'otherAgent' | 'last', IntentBody>;
  let days: { from: string; to: string };

  const list = async (token: string, query: Record<string, string | number>) => {
    const response = await harness.http().get('/intents').query(query).set(bearer(token));
    return { status: response.status, body: response.body as Page & ErrorResponse };
  };
  const ids = (page: Page) => page.items.map((item) => item.id);

  beforeAll(async () => {
    harness = await startHarness(embeddedSystem);
    const operator = new IntentDriver(harness, await harness.token('operator'));
    const first = await operator.createCmms(PHONES.agent1, PHONES.client1, 1_000);
    const canceled = await operator.createCmms(PHONES.agent1, PHONES.tier1, 2_000);
    await operator.expectStep(canceled.id, 'cancel', { reason: 'the client left' });
    const otherAgent = await operator.createCmms(PHONES.agent2, PHONES.client1, 3_000);
    const last = await operator.createCmms(PHONES.agent1, PHONES.client1, 4_000);
    created = { first, canceled, otherAgent, last };
    days = { from: first.createdAt.slice(0, 10), to: last.createdAt.slice(0, 10) };
  });

  afterAll(async () => {
    await harness.close();
  });

  it('filters staff lists by agent phone, client phone, status and creation days, combined', async () => {
    const admin = await harness.token('admin');
    const { first, canceled, otherAgent, last } = created;

    expect(ids((await list(admin, { agentPhone: PHONES.agent1 })).body)).toEqual([last.id, canceled.id, first.id]);
    expect(ids((await list(admin, { clientPhone: PHONES.client1 })).body)).toEqual([last.id, otherAgent.id, first.id]);
    expect(ids((await list(admin, { agentPhone: PHONES.agent1, status: 'CANCELED' })).body)).toEqual([canceled.id]);
    expect(ids((await list(admin, { ...days, agentPhone: PHONES.agent1, clientPhone: PHONES.client1, status: 'CREATED' })).body)).toEqual([last.id, first.id]);
    const dayBefore = new Date(Date.parse(`${days.from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect((await list(admin, { from: dayBefore, to: dayBefore })).body).toEqual({ items: [], nextCursor: null });
  });

  it('pages with the filters, and refuses the cursor with other filters, naming cursor', async () => {
    const operator = await harness.token('operator');
    const filters = { ...days, agentPhone: PHONES.agent1 };

    const page1 = await list(operator, { ...filters, limit: 2 });
    expect(ids(page1.body)).toEqual([created.last.id, created.canceled.id]);
    const cursor = page1.body.nextCursor as string;
    const page2 = await list(operator, { ...filters, limit: 2, cursor });
    expect(page2.body).toMatchObject({ items: [expect.objectContaining({ id: created.first.id })], nextCursor: null });

    for (const other of [{ agentPhone: PHONES.agent1 }, { ...filters, clientPhone: PHONES.client1 }, { ...filters, status: 'CREATED' }]) {
      const refused = await list(operator, { ...other, limit: 2, cursor });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'cursor' })] });
    }
  });

  it("keeps an agent to its own intents: another agent's phone lists nothing", async () => {
    const agent1 = await harness.token('agent1');
    const agent2 = await harness.token('agent2');

    expect((await list(agent1, { agentPhone: PHONES.agent2 })).body).toEqual({ items: [], nextCursor: null });
    expect(ids((await list(agent1, { clientPhone: PHONES.client1 })).body)).toEqual([created.last.id, created.first.id]);
    expect(ids((await list(agent2, { clientPhone: PHONES.client1 })).body)).toEqual([created.otherAgent.id]);
    expect(ids((await list(agent2, { agentPhone: PHONES.agent2, ...days })).body)).toEqual([created.otherAgent.id]);
  });

  it('answers 400 naming the parameter for a bad filter', async () => {
    const admin = await harness.token('admin');

    for (const [query, field] of [
      [{ agentPhone: '0500000001' }, 'agentPhone'],
      [{ from: days.to, to: '2020-01-01' }, 'from'],
      [{ from: '2026-13-01' }, 'from'],
    ] as const) {
      const refused = await list(admin, query);
      expect([refused.status, refused.body.error.details]).toEqual([400, [expect.objectContaining({ field })]]);
    }
  });
});
