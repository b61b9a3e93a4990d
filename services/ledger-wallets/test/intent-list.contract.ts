import { IntentState } from '../src/domain/intent';
import { IntentPage, IntentQuery, IntentRepository } from '../src/intent.repository.port';

const AGENT_1 = { userId: 'usr-agent-0001', phone: '+2250500000001' };
const AGENT_2 = { userId: 'usr-agent-0002', phone: '+2250500000002' };
const CLIENT_1 = { userId: 'usr-client-0001', phone: '+2250100000001', kycTier: 2, status: 'ACTIVE', preferredChannel: 'WHATSAPP' };
const CLIENT_2 = { userId: 'usr-client-0002', phone: '+2250100000002', kycTier: 2, status: 'ACTIVE', preferredChannel: 'SMS' };

type Party = typeof AGENT_1;
type Client = typeof CLIENT_1;

/** An intent with its parties resolved, created at `createdAt`. */
function resolved(id: string, createdAt: string, agent: Party, client: Client, phase: IntentState['phase'] = 'CREATED'): IntentState {
  return {
    id,
    referenceId: `CO-${id}`,
    phase,
    channel: 'CMMS',
    amount: 10_000,
    currency: 'XOF',
    fees: 250,
    commission: 100,
    requestedBy: { userId: 'usr-operator-0001', role: 'OPERATOR' },
    request: { agentPhone: agent.phone, clientPhone: client.phone },
    agent,
    client,
    expiresAt: '2026-03-01T00:00:00.000Z',
    createdAt,
    updatedAt: createdAt,
    history: [],
  } as unknown as IntentState;
}

/**
 * The list's filters, part of the intent repository contract: every adapter answers the
 * same pages for the same filters, whatever index it reads them from.
 */
export function describeListFilters(repository: () => IntentRepository, store: (state: IntentState) => Promise<void>): void {
  describe('list filters', () => {
    const ids = (page: IntentPage) => page.items.map((intent) => intent.id);
    const list = (query: Omit<IntentQuery, 'limit'> & { limit?: number }) => repository().list({ limit: 10, ...query });

    beforeEach(async () => {
      // Day boundaries on both sides of 2026-01-15, and both agents with both clients.
      await store(resolved('before', '2026-01-14T23:59:59.999Z', AGENT_1, CLIENT_1));
      await store(resolved('a', '2026-01-15T00:00:00.000Z', AGENT_1, CLIENT_1));
      await store(resolved('b', '2026-01-15T10:00:00.000Z', AGENT_1, CLIENT_2, 'SUCCEEDED'));
      await store(resolved('c', '2026-01-15T10:00:00.000Z', AGENT_2, CLIENT_1));
      await store(resolved('d', '2026-01-15T23:59:59.999Z', AGENT_2, CLIENT_2, 'SUCCEEDED'));
      await store(resolved('after', '2026-01-16T00:00:00.000Z', AGENT_1, CLIENT_1, 'SUCCEEDED'));
    });

    it('filters by agent phone, by client phone, and by creation time (from included, before excluded)', async () => {
      expect(ids(await list({ agentPhone: AGENT_1.phone }))).toEqual(['after', 'b', 'a', 'before']);
      expect(ids(await list({ agentPhone: AGENT_2.phone }))).toEqual(['d', 'c']);
      expect(ids(await list({ clientPhone: CLIENT_2.phone }))).toEqual(['d', 'b']);
      expect(ids(await list({ createdFrom: '2026-01-15T00:00:00.000Z', createdBefore: '2026-01-16T00:00:00.000Z' }))).toEqual(['d', 'c', 'b', 'a']);
      expect(ids(await list({ createdFrom: '2026-01-15T10:00:00.000Z' }))).toEqual(['after', 'd', 'c', 'b']);
      expect(ids(await list({ createdBefore: '2026-01-15T10:00:00.000Z' }))).toEqual(['a', 'before']);
      expect(ids(await list({ agentPhone: '+2250500000009' }))).toEqual([]);
    });

    it('combines the filters with each other and with the status', async () => {
      expect(ids(await list({ agentPhone: AGENT_1.phone, clientPhone: CLIENT_1.phone }))).toEqual(['after', 'a', 'before']);
      expect(ids(await list({ agentPhone: AGENT_1.phone, status: 'SUCCEEDED' }))).toEqual(['after', 'b']);
      const day = { createdFrom: '2026-01-15T00:00:00.000Z', createdBefore: '2026-01-16T00:00:00.000Z' };
      expect(ids(await list({ ...day, clientPhone: CLIENT_1.phone }))).toEqual(['c', 'a']);
      expect(ids(await list({ ...day, agentPhone: AGENT_1.phone, clientPhone: CLIENT_1.phone, status: 'CREATED' }))).toEqual(['a']);
      expect(ids(await list({ ...day, status: 'SUCCEEDED' }))).toEqual(['d', 'b']);
    });

    it('pages with filters across pages, without skipping or repeating', async () => {
      const query = { clientPhone: CLIENT_1.phone, limit: 2 };
      const first = await list(query);
      const second = await list({ ...query, after: first.next ?? undefined });

      expect(ids(first)).toEqual(['after', 'c']);
      expect(ids(second)).toEqual(['a', 'before']);
      expect(second.next).toBeNull();

      const ranged = { agentPhone: AGENT_1.phone, createdFrom: '2026-01-15T00:00:00.000Z', createdBefore: '2026-01-16T00:00:00.000Z', limit: 1 };
      const pages: string[][] = [];
      let page = await list(ranged);
      pages.push(ids(page));
      while (page.next) {
        page = await list({ ...ranged, after: page.next });
        pages.push(ids(page));
      }
      expect(pages).toEqual([['b'], ['a']]);
    });

    it("keeps an agent to its own intents: another agent's phone finds nothing", async () => {
      const own = { initiatorUserId: AGENT_1.userId };

      expect(ids(await list({ ...own, clientPhone: CLIENT_1.phone }))).toEqual(['after', 'a', 'before']);
      expect(ids(await list({ ...own, agentPhone: AGENT_1.phone, status: 'SUCCEEDED' }))).toEqual(['after', 'b']);
      expect(ids(await list({ ...own, agentPhone: AGENT_2.phone }))).toEqual([]);
      expect(ids(await list({ initiatorUserId: AGENT_2.userId, clientPhone: CLIENT_2.phone }))).toEqual(['d']);
    });

    it('finds an intent by its parties once they are resolved, as it moves and when it ends', async () => {
      // The first line knows no parties yet (a draft): they come with the lines after it.
      const moving = resolved('moving', '2026-01-15T12:00:00.000Z', AGENT_2, CLIENT_2);
      await store({ ...moving, phase: 'DRAFT', agent: undefined, client: undefined });
      expect(ids(await list({ agentPhone: AGENT_2.phone }))).toEqual(['d', 'c']);

      await store(moving);
      expect(ids(await list({ agentPhone: AGENT_2.phone }))).toEqual(['d', 'moving', 'c']);
      expect(ids(await list({ clientPhone: CLIENT_2.phone, status: 'CREATED' }))).toEqual(['moving']);

      await store({ ...moving, phase: 'OTP_SENT' });
      await store({ ...moving, phase: 'CANCELED' });
      expect(ids(await list({ clientPhone: CLIENT_2.phone }))).toEqual(['d', 'moving', 'b']);
      expect(ids(await list({ clientPhone: CLIENT_2.phone, status: 'CREATED' }))).toEqual([]);
      expect(ids(await list({ initiatorUserId: AGENT_2.userId, createdFrom: '2026-01-15T11:00:00.000Z', status: 'CANCELED' }))).toEqual(['moving']);
    });
  });
}
