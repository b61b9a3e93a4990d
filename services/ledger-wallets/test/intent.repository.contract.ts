import { writeStream } from '@cashout/platform';
import { IntentState } from '../src/domain/intent';
import { IntentRepository } from '../src/intent.repository.port';
import { describeListFilters } from './intent-list.contract';

export interface IntentsUnderTest {
  repository: IntentRepository;
  close: () => Promise<void>;
}

function anIntent(overrides: Partial<IntentState> = {}): IntentState {
  return {
    id: 'intent-1',
    referenceId: 'CO-0001',
    phase: 'CREATED',
    channel: 'MOBILE_PRO',
    amount: 10_000,
    currency: 'XOF',
    fees: 250,
    commission: 100,
    requestedBy: { userId: 'usr-agent-0001', role: 'AGENT' },
    request: { agentPhone: '+2250700000001', clientPhone: '+2250100000001' },
    agent: { userId: 'usr-agent-0001', phone: '+2250700000001' },
    expiresAt: '2026-01-15T10:15:00.000Z',
    createdAt: '2026-01-15T10:00:00.000Z',
    updatedAt: '2026-01-15T10:00:00.000Z',
    history: [{ status: 'CREATED', at: '2026-01-15T10:00:00.000Z' }],
    ...overrides,
  } as IntentState;
}

/**
 * What every adapter of the intent port must do: the in-memory twin runs it in `npm test`,
 * the MongoDB adapter against a real server in `npm run test:int`. (The streams themselves
 * are the platform's stream store, with a contract suite of their own.)
 */
export function describeIntentRepositoryContract(name: string, makeRepository: () => Promise<IntentsUnderTest>): void {
  describe(`${name} (intent repository contract)`, () => {
    let under: IntentsUnderTest;
    let intents: IntentRepository;

    beforeEach(async () => {
      under = await makeRepository();
      intents = under.repository;
    });

    afterEach(async () => {
      await under.close();
    });

    /** Writes the intent as the next line of its stream. */
    async function store(state: IntentState): Promise<void> {
      await writeStream(intents.streams, state.id, () => ({ write: { state }, result: undefined }));
    }

    it('reads an intent as its latest line says', async () => {
      await store(anIntent());
      await store(anIntent({ phase: 'OTP_SENT' }));

      expect(await intents.findById('intent-1')).toEqual(anIntent({ phase: 'OTP_SENT' }));
      expect(await intents.findById('intent-2')).toBeUndefined();
    });

    it('of many concurrent writers deciding from the same line, one wins and the others decide again', async () => {
      await store(anIntent({ amount: 0 }));

      await Promise.all(
        Array.from({ length: 12 }, () =>
          writeStream(intents.streams, 'intent-1', (current) => ({
            write: { state: { ...(current?.state as IntentState), amount: (current?.state.amount ?? 0) + 1 } },
            result: undefined,
          })),
        ),
      );

      expect((await intents.findById('intent-1'))?.amount).toBe(12);
    });

    it('queries see the latest state of each intent', async () => {
      await store(anIntent({ id: 'moved' }));
      await store(anIntent({ id: 'moved', phase: 'SUCCEEDED' }));

      expect((await intents.list({ limit: 10, status: 'CREATED' })).items.map((intent) => intent.id)).toEqual([]);
      expect((await intents.list({ limit: 10, status: 'SUCCEEDED' })).items.map((intent) => intent.id)).toEqual(['moved']);
    });

    describe('list', () => {
      const minute = (m: number) => `2026-01-15T10:${String(m).padStart(2, '0')}:00.000Z`;

      beforeEach(async () => {
        await store(anIntent({ id: 'a', createdAt: minute(1) }));
        await store(anIntent({ id: 'b', createdAt: minute(2), phase: 'SUCCEEDED' }));
        await store(anIntent({ id: 'c', createdAt: minute(2) }));
        await store(anIntent({ id: 'd', createdAt: minute(3), agent: { userId: 'usr-agent-0002', phone: '+2250700000002' } }));
        await store(anIntent({ id: 'draft', createdAt: minute(4), phase: 'DRAFT' }));
      });

      it('lists public intents newest first, ties broken by id, never drafts', async () => {
        const page = await intents.list({ limit: 10 });

        expect(page.items.map((intent) => intent.id)).toEqual(['d', 'c', 'b', 'a']);
        expect(page.next).toBeNull();
      });

      it('pages after the position of the last item without skipping or repeating', async () => {
        const first = await intents.list({ limit: 2 });
        const second = await intents.list({ limit: 2, after: first.next ?? undefined });

        expect(first.items.map((intent) => intent.id)).toEqual(['d', 'c']);
        expect(first.next).toEqual({ createdAt: minute(2), id: 'c' });
        expect(second.items.map((intent) => intent.id)).toEqual(['b', 'a']);
        expect(second.next).toBeNull();
      });

      it('filters by initiator and by status', async () => {
        expect((await intents.list({ limit: 10, initiatorUserId: 'usr-agent-0002' })).items.map((i) => i.id)).toEqual(['d']);
        expect((await intents.list({ limit: 10, status: 'SUCCEEDED' })).items.map((i) => i.id)).toEqual(['b']);
        expect((await intents.list({ limit: 10, initiatorUserId: 'usr-agent-0001', status: 'CREATED' })).items.map((i) => i.id)).toEqual(['c', 'a']);
      });
    });

    describeListFilters(() => intents, store);

    it('finds intents past their deadline in the given phases only', async () => {
      await store(anIntent({ id: 'late', expiresAt: '2026-01-15T10:05:00.000Z' }));
      await store(anIntent({ id: 'on-time', expiresAt: '2026-01-15T10:20:00.000Z' }));
      await store(anIntent({ id: 'late-processing', phase: 'PROCESSING', expiresAt: '2026-01-15T10:05:00.000Z' }));
      await store(anIntent({ id: 'late-draft', phase: 'DRAFT', expiresAt: '2026-01-15T10:10:00.000Z' }));

      const expired = await intents.findExpired(['CREATED', 'DRAFT'], new Date('2026-01-15T10:10:00.000Z'), 10);

      expect(expired.map((intent) => intent.id).sort()).toEqual(['late', 'late-draft']);
      expect(await intents.findExpired(['CREATED', 'DRAFT'], new Date('2026-01-15T10:10:00.000Z'), 1)).toHaveLength(1);
    });

    it('finds intents waiting for a step asked for before a moment', async () => {
      const pending = (since: string) => ({ step: 'SETTLE' as const, stepId: 's-1', waiters: [], since });
      await store(anIntent({ id: 'stalled', phase: 'PROCESSING', pending: pending('2026-01-15T10:01:00.000Z') }));
      await store(anIntent({ id: 'fresh', phase: 'PROCESSING', pending: pending('2026-01-15T10:09:00.000Z') }));
      await store(anIntent({ id: 'idle', updatedAt: '2026-01-15T10:01:00.000Z' }));

      const stalled = await intents.findStalled(new Date('2026-01-15T10:05:00.000Z'), 10);

      expect(stalled.map((intent) => intent.id)).toEqual(['stalled']);
    });
  });
}
