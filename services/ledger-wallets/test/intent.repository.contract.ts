import { OutboxEntry } from '@cashout/platform';
import { IntentDocument, IntentRepository } from '../src/intent.repository.port';

export interface IntentsUnderTest {
  repository: IntentRepository;
  close: () => Promise<void>;
}

const outboxEntry = (id: string, intentId = 'intent-1'): OutboxEntry => ({
  id,
  message: {
    topic: 'cashout.auth.commands',
    key: intentId,
    envelope: {
      messageId: id,
      type: 'IssueOtp',
      version: 1,
      occurredAt: '2026-01-15T10:00:00.000Z',
      correlationId: 'corr-1',
      aggregateId: intentId,
      producer: 'ledger-wallets',
      payload: { intentId, nested: { empty: {} } },
    },
  },
});

function anIntent(overrides: Partial<IntentDocument> = {}): IntentDocument {
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
    version: 1,
    outbox: [],
    ...overrides,
  } as IntentDocument;
}

const stateOf = ({ outbox: _outbox, ...state }: IntentDocument): Omit<IntentDocument, 'outbox'> => state;

/**
 * What every adapter of the intent port must do: the in-memory twin runs it in `npm test`,
 * the MongoDB adapter against a real server in `npm run test:int`.
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

    it('inserts an intent once: the same id again is "exists" and keeps the first', async () => {
      expect(await intents.insert(anIntent())).toBe('inserted');
      expect(await intents.insert(anIntent({ amount: 1 }))).toBe('exists');

      expect(await intents.findById('intent-1')).toEqual(anIntent());
      expect(await intents.findById('intent-2')).toBeUndefined();
    });

    it('lets exactly one of many concurrent inserts of the same id win', async () => {
      const outcomes = await Promise.all(Array.from({ length: 8 }, () => intents.insert(anIntent())));

      expect(outcomes.filter((outcome) => outcome === 'inserted')).toHaveLength(1);
    });

    it('updates only the version it read', async () => {
      await intents.insert(anIntent());

      expect(await intents.update(stateOf(anIntent({ version: 2, phase: 'OTP_SENT' })), [])).toBe(true);
      expect(await intents.update(stateOf(anIntent({ version: 2, phase: 'CANCELED' })), [])).toBe(false);
      expect(await intents.update(stateOf(anIntent({ id: 'intent-9', version: 2 })), [])).toBe(false);

      expect(await intents.findById('intent-1')).toMatchObject({ version: 2, phase: 'OTP_SENT' });
    });

    it('lets exactly one of concurrent updates with the same expected version win', async () => {
      await intents.insert(anIntent());

      const phases = ['OTP_SENT', 'CANCELED', 'EXPIRED', 'OTP_VERIFIED', 'FAILED'] as const;
      const outcomes = await Promise.all(
        phases.map((phase, index) => intents.update(stateOf(anIntent({ version: 2, phase })), [outboxEntry(`m-${index}`)])),
      );

      expect(outcomes.filter(Boolean)).toHaveLength(1);
      const winner = phases[outcomes.indexOf(true)];
      const stored = await intents.findById('intent-1');
      expect(stored).toMatchObject({ version: 2, phase: winner });
      expect(stored?.outbox.map((entry) => entry.id)).toEqual([`m-${outcomes.indexOf(true)}`]);
    });

    it('replaces the state whole: a field the new state no longer has is gone', async () => {
      await intents.insert(anIntent({ holdId: 'hold-1', failureReason: 'x' }));

      await intents.update(stateOf(anIntent({ version: 2 })), []);

      const stored = await intents.findById('intent-1');
      expect(stored?.holdId).toBeUndefined();
      expect(stored?.failureReason).toBeUndefined();
      expect(stored).toEqual(anIntent({ version: 2 }));
    });

    it('appends to the outbox: entries relayed meanwhile stay relayed, new ones are added', async () => {
      await intents.insert(anIntent({ outbox: [outboxEntry('m-1'), outboxEntry('m-2')] }));
      await intents.markRelayed('intent-1', ['m-1']);

      await intents.update(stateOf(anIntent({ version: 2, phase: 'OTP_SENT' })), [outboxEntry('m-3')]);

      expect((await intents.findById('intent-1'))?.outbox).toEqual([outboxEntry('m-2'), outboxEntry('m-3')]);
    });

    it('hands pending outboxes to the relay until they are marked relayed', async () => {
      await intents.insert(anIntent({ outbox: [outboxEntry('m-1')] }));
      await intents.insert(anIntent({ id: 'intent-2', outbox: [] }));

      expect(await intents.pendingOutbox(10)).toEqual([{ documentId: 'intent-1', entries: [outboxEntry('m-1')] }]);

      await intents.markRelayed('intent-1', ['m-1']);
      expect(await intents.pendingOutbox(10)).toEqual([]);
      expect((await intents.findById('intent-1'))?.outbox).toEqual([]);
    });

    it('limits a relay batch to the requested number of documents', async () => {
      for (const id of ['intent-1', 'intent-2', 'intent-3']) {
        await intents.insert(anIntent({ id, outbox: [outboxEntry(`m-${id}`, id)] }));
      }

      expect(await intents.pendingOutbox(2)).toHaveLength(2);
    });

    it('hands out copies: changing a returned intent changes nothing stored', async () => {
      await intents.insert(anIntent());
      const read = (await intents.findById('intent-1')) as IntentDocument;
      read.amount = 1;
      read.history.push({ status: 'FAILED', at: 'x' } as IntentDocument['history'][number]);

      expect(await intents.findById('intent-1')).toEqual(anIntent());
    });

    describe('list', () => {
      const minute = (m: number) => `2026-01-15T10:${String(m).padStart(2, '0')}:00.000Z`;

      beforeEach(async () => {
        await intents.insert(anIntent({ id: 'a', createdAt: minute(1) }));
        await intents.insert(anIntent({ id: 'b', createdAt: minute(2), phase: 'SUCCEEDED' }));
        await intents.insert(anIntent({ id: 'c', createdAt: minute(2) }));
        await intents.insert(anIntent({ id: 'd', createdAt: minute(3), agent: { userId: 'usr-agent-0002', phone: '+2250700000002' } }));
        await intents.insert(anIntent({ id: 'draft', createdAt: minute(4), phase: 'DRAFT' }));
      });

      it('lists public intents newest first, ties broken by id, never drafts', async () => {
        const page = await intents.list({ limit: 10 });

        expect(page.items.map((intent) => intent.id)).toEqual(['d', 'c', 'b', 'a']);
        expect(page.nextCursor).toBeNull();
      });

      it('pages with the opaque cursor without skipping or repeating', async () => {
        const first = await intents.list({ limit: 2 });
        const second = await intents.list({ limit: 2, cursor: first.nextCursor ?? undefined });

        expect(first.items.map((intent) => intent.id)).toEqual(['d', 'c']);
        expect(second.items.map((intent) => intent.id)).toEqual(['b', 'a']);
        expect(second.nextCursor).toBeNull();
      });

      it('filters by initiator and by status', async () => {
        expect((await intents.list({ limit: 10, initiatorUserId: 'usr-agent-0002' })).items.map((i) => i.id)).toEqual(['d']);
        expect((await intents.list({ limit: 10, status: 'SUCCEEDED' })).items.map((i) => i.id)).toEqual(['b']);
        expect((await intents.list({ limit: 10, initiatorUserId: 'usr-agent-0001', status: 'CREATED' })).items.map((i) => i.id)).toEqual([
          'c',
          'a',
        ]);
      });
    });

    it('finds intents past their deadline in the given phases only', async () => {
      await intents.insert(anIntent({ id: 'late', expiresAt: '2026-01-15T10:05:00.000Z' }));
      await intents.insert(anIntent({ id: 'on-time', expiresAt: '2026-01-15T10:20:00.000Z' }));
      await intents.insert(anIntent({ id: 'late-processing', phase: 'PROCESSING', expiresAt: '2026-01-15T10:05:00.000Z' }));
      await intents.insert(anIntent({ id: 'late-draft', phase: 'DRAFT', expiresAt: '2026-01-15T10:10:00.000Z' }));

      const expired = await intents.findExpired(['CREATED', 'DRAFT'], new Date('2026-01-15T10:10:00.000Z'), 10);

      expect(expired.map((intent) => intent.id).sort()).toEqual(['late', 'late-draft']);
      expect(await intents.findExpired(['CREATED', 'DRAFT'], new Date('2026-01-15T10:10:00.000Z'), 1)).toHaveLength(1);
    });

    it('finds PROCESSING intents not updated since a moment', async () => {
      await intents.insert(anIntent({ id: 'stalled', phase: 'PROCESSING', updatedAt: '2026-01-15T10:01:00.000Z' }));
      await intents.insert(anIntent({ id: 'fresh', phase: 'PROCESSING', updatedAt: '2026-01-15T10:09:00.000Z' }));
      await intents.insert(anIntent({ id: 'old-created', updatedAt: '2026-01-15T10:01:00.000Z' }));

      const stalled = await intents.findStalled(new Date('2026-01-15T10:05:00.000Z'), 10);

      expect(stalled.map((intent) => intent.id)).toEqual(['stalled']);
    });
  });
}
