import { writeStream } from '@cashout/platform';
import { Actor, PayloadOf } from '@cashout/shared-contracts';
import { IntentState } from '../src/domain/intent';
import { InMemoryIntentRepository } from '../src/infrastructure/in-memory-intent.repository';
import { decodeCursor, encodeCursor } from '../src/list-intents/intent-list.cursor';
import { listIntents } from '../src/list-intents/list-intents';

const ADMIN: Actor = { userId: 'usr-admin-0001', role: 'ADMIN' };
const AGENT_1 = { userId: 'usr-agent-0001', phone: '+2250500000001' };
const AGENT_2 = { userId: 'usr-agent-0002', phone: '+2250500000002' };
const CLIENT_1 = { userId: 'usr-client-0001', phone: '+2250100000001', kycTier: 2, status: 'ACTIVE', preferredChannel: 'WHATSAPP' };

function intent(id: string, createdAt: string, agent = AGENT_1): IntentState {
  return {
    id,
    referenceId: `CO-${id}`,
    phase: 'CREATED',
    channel: 'CMMS',
    amount: 10_000,
    currency: 'XOF',
    fees: 250,
    commission: 100,
    requestedBy: ADMIN,
    request: {},
    agent,
    client: CLIENT_1,
    expiresAt: '2026-12-01T00:00:00.000Z',
    createdAt,
    updatedAt: createdAt,
    history: [],
  } as unknown as IntentState;
}

describe('listIntents', () => {
  let intents: InMemoryIntentRepository;
  const list = (payload: Partial<PayloadOf<'ListIntents'>>) => listIntents(intents, { actor: ADMIN, limit: 10, ...payload });
  const ids = (answer: Awaited<ReturnType<typeof list>>) => (answer.kind === 'intent-page' ? answer.items.map((item) => item.id) : answer);

  beforeEach(async () => {
    intents = new InMemoryIntentRepository();
    const store = (state: IntentState) => writeStream(intents.streams, state.id, () => ({ write: { state }, result: undefined }));
    await store(intent('oct-31', '2026-10-31T23:59:59.999Z'));
    await store(intent('nov-01', '2026-11-01T00:00:00.000Z'));
    await store(intent('nov-15', '2026-11-15T12:00:00.000Z', AGENT_2));
    await store(intent('nov-30', '2026-11-30T23:59:59.999Z'));
    await store(intent('dec-01', '2026-12-01T00:00:00.000Z'));
  });

  it('reads from and to as whole UTC days, both included; either alone leaves the other side open', async () => {
    expect(ids(await list({ from: '2026-11-01', to: '2026-11-30' }))).toEqual(['nov-30', 'nov-15', 'nov-01']);
    expect(ids(await list({ from: '2026-11-30', to: '2026-11-30' }))).toEqual(['nov-30']);
    expect(ids(await list({ from: '2026-11-30' }))).toEqual(['dec-01', 'nov-30']);
    expect(ids(await list({ to: '2026-10-31' }))).toEqual(['oct-31']);
  });

  it('refuses from after to naming from, and a range wider than the reports take naming to', async () => {
    expect(await list({ from: '2026-11-02', to: '2026-11-01' })).toEqual({
      kind: 'error',
      error: { code: 'VALIDATION_FAILED', message: 'the request is invalid', details: [{ field: 'from', message: 'must not be after to' }] },
    });
    expect(await list({ from: '2026-01-01', to: '2026-04-03' })).toMatchObject({ kind: 'error', error: { details: [{ field: 'to' }] } });
    expect(await list({ from: '2026-01-01', to: '2026-04-02' })).toMatchObject({ kind: 'intent-page' });
  });

  it("keeps an agent to its own intents: another agent's phone lists nothing", async () => {
    const agent: Actor = { userId: AGENT_1.userId, role: 'AGENT' };
    expect(ids(await list({ actor: agent, agentPhone: AGENT_2.phone }))).toEqual([]);
    expect(ids(await list({ actor: agent, agentPhone: AGENT_1.phone, from: '2026-11-01' }))).toEqual(['dec-01', 'nov-30', 'nov-01']);
    expect(ids(await list({ actor: agent, clientPhone: CLIENT_1.phone }))).toEqual(['dec-01', 'nov-30', 'nov-01', 'oct-31']);
    expect(await list({ actor: { userId: CLIENT_1.userId, role: 'CLIENT' } })).toMatchObject({ kind: 'error', error: { code: 'FORBIDDEN' } });
  });

  it('pages on with its cursor and the same filters, and refuses the cursor with any other filters, naming it', async () => {
    const filters = { agentPhone: AGENT_1.phone, from: '2026-11-01', to: '2026-11-30' };
    const first = await list({ ...filters, limit: 1 });
    if (first.kind !== 'intent-page' || first.nextCursor === null) throw new Error('expected a first page with a cursor');

    expect(ids(await list({ ...filters, limit: 5, cursor: first.nextCursor }))).toEqual(['nov-01']);
    for (const other of [
      {},
      { ...filters, to: '2026-11-29' },
      { ...filters, status: 'CREATED' as const },
      { ...filters, clientPhone: CLIENT_1.phone },
      { ...filters, agentPhone: undefined },
    ]) {
      expect(await list({ ...other, limit: 5, cursor: first.nextCursor })).toMatchObject({
        kind: 'error',
        error: { code: 'VALIDATION_FAILED', details: [{ field: 'cursor', message: expect.stringContaining('other filters') }] },
      });
    }
  });

  it('refuses what is no cursor of this list, and a cursor of the position alone (the format before filters)', async () => {
    const positionOnly = Buffer.from('2026-11-30T23:59:59.999Z|nov-30').toString('base64url');
    for (const cursor of ['garbage!', positionOnly, Buffer.from('2026-11-30T23:59:59.999Z|nov-30|short').toString('base64url')]) {
      expect(await list({ cursor })).toMatchObject({
        kind: 'error',
        error: { details: [{ field: 'cursor', message: expect.stringContaining('is not a cursor') }] },
      });
    }
  });

  it('binds the cursor to the filters, not to the page size or the caller', () => {
    const position = { createdAt: '2026-11-30T23:59:59.999Z', id: 'nov-30' };
    const cursor = encodeCursor(position, { status: 'SUCCEEDED', clientPhone: CLIENT_1.phone });

    expect(decodeCursor(cursor, { status: 'SUCCEEDED', clientPhone: CLIENT_1.phone })).toEqual({ position });
    expect(decodeCursor(cursor, { status: 'SUCCEEDED', agentPhone: CLIENT_1.phone })).toHaveProperty('problem');
    expect(decodeCursor(cursor, { status: 'SUCCEEDED' })).toHaveProperty('problem');
  });
});
