import { Envelope } from '@cashout/shared-contracts';
import { NotificationRecord } from '@cashout/shared-contracts';
import { NotificationDispatch, NotificationRecordRepository } from '../src/notification-record.repository.port';

let sequence = 0;

export function aRecord(overrides: Partial<NotificationRecord> = {}): NotificationRecord {
  sequence += 1;
  return {
    id: `rec-${sequence}`,
    to: '+2250100000001',
    customerPhone: '+2250100000001',
    intentId: 'intent-1',
    channel: 'WHATSAPP',
    kind: 'OTP',
    status: 'SENT',
    provider: 'sandbox',
    body: 'text',
    createdAt: '2026-01-15T10:00:00.000Z',
    ...overrides,
  };
}

export function aDispatch(overrides: Partial<NotificationDispatch> = {}): NotificationDispatch {
  return {
    id: 'otp:otp-1',
    version: 1,
    intentId: 'intent-1',
    otpId: 'otp-1',
    kind: 'OTP',
    records: [aRecord()],
    outbox: [],
    createdAt: '2026-01-15T10:00:00.000Z',
    ...overrides,
  };
}

export interface UnderTest<T> {
  repository: T;
  close: () => Promise<void>;
}

/**
 * The behaviour every adapter of the port must show: the in-memory twin runs it in
 * `npm test`, the MongoDB adapter against a real server in `npm run test:int`.
 */
export function describeNotificationRecordRepositoryContract(name: string, makeRepository: () => Promise<UnderTest<NotificationRecordRepository>>) {
  describe(`${name} (NotificationRecordRepository contract)`, () => {
    let under: UnderTest<NotificationRecordRepository>;
    let repository: NotificationRecordRepository;

    beforeEach(async () => {
      under = await makeRepository();
      repository = under.repository;
    });

    afterEach(async () => {
      await under.close();
    });

    it('stores a dispatch as given and reads it back unchanged', async () => {
      const dispatch = aDispatch({
        outcome: { topic: 't', key: 'intent-1', envelope: aEnvelope() },
        outbox: [{ id: 'm-1', message: { topic: 't', key: 'intent-1', envelope: aEnvelope() } }],
      });
      await repository.append(dispatch);

      expect(await repository.findByOtpId('otp-1')).toEqual(dispatch);
    });

    it('lets exactly one of concurrent appends of the same id win (idempotency key)', async () => {
      const outcomes = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((body) => repository.append(aDispatch({ records: [aRecord({ body })] }))));

      expect(outcomes.filter(Boolean)).toHaveLength(1);
      const winner = ['a', 'b', 'c', 'd', 'e'][outcomes.indexOf(true)];
      expect((await repository.findByOtpId('otp-1'))?.records.map((record) => record.body)).toEqual([winner]);
      expect(await repository.list({ limit: 10 })).toHaveLength(1);
    });

    it('finds a dispatch by its OTP id', async () => {
      await repository.append(aDispatch());
      expect((await repository.findByOtpId('otp-1'))?.intentId).toBe('intent-1');
      expect(await repository.findByOtpId('otp-2')).toBeUndefined();
    });

    it('finds a dispatch by intent and kind', async () => {
      await repository.append(aDispatch({ id: 'CASH_OUT_FAILED:intent-9', intentId: 'intent-9', otpId: undefined, kind: 'CASH_OUT_FAILED' }));
      expect(await repository.findByIntentAndKind('intent-9', 'CASH_OUT_FAILED')).toBeDefined();
      expect(await repository.findByIntentAndKind('intent-9', 'CASH_OUT_SUCCEEDED')).toBeUndefined();
    });

    it('finds a dispatch by its id, the idempotency key of its request', async () => {
      await repository.append(aDispatch({ id: 'CASH_OUT_SUCCEEDED:intent-9', intentId: 'intent-9', kind: 'CASH_OUT_SUCCEEDED' }));
      expect((await repository.findById('CASH_OUT_SUCCEEDED:intent-9'))?.intentId).toBe('intent-9');
      expect(await repository.findById('CASH_OUT_FAILED:intent-9')).toBeUndefined();
    });

    it('keeps a notice about a user (no intent): found by id, listed by phone, never by an intent', async () => {
      const { intentId: _none, ...noticeRecord } = aRecord({ id: 'notice', kind: 'ACCESS_LOCKED', customerPhone: '+2250500000002', to: '+2250500000002' });
      const notice: NotificationDispatch = {
        id: 'access:usr-agent-0002:3',
        version: 1,
        userId: 'usr-agent-0002',
        kind: 'ACCESS_LOCKED',
        records: [noticeRecord],
        outbox: [],
        createdAt: '2026-01-15T10:00:00.000Z',
      };
      await repository.append(notice);
      await repository.append(aDispatch({ id: 'about-intent', records: [aRecord({ id: 'otp' })] }));

      expect(await repository.findById('access:usr-agent-0002:3')).toEqual(notice);
      expect(await repository.findById('access:usr-agent-0002:4')).toBeUndefined();
      expect(await repository.list({ phone: '+2250500000002', limit: 10 })).toEqual([noticeRecord]);
      expect((await repository.list({ intentId: 'intent-1', limit: 10 })).map((record) => record.id)).toEqual(['otp']);
      expect((await repository.list({ limit: 10 })).map((record) => record.id).sort()).toEqual(['notice', 'otp']);
    });

    it('refuses a second dispatch with the same id and keeps the first', async () => {
      expect(await repository.append(aDispatch({ records: [aRecord({ body: 'first' })] }))).toBe(true);
      expect(await repository.append(aDispatch({ records: [aRecord({ body: 'second' })] }))).toBe(false);
      expect((await repository.findByOtpId('otp-1'))?.records[0].body).toBe('first');
    });

    it('lists records newest first, at most the limit', async () => {
      await repository.append(aDispatch({ id: 'a', records: [aRecord({ id: 'old', createdAt: '2026-01-15T10:00:00.000Z' })] }));
      await repository.append(aDispatch({ id: 'b', records: [aRecord({ id: 'new', createdAt: '2026-01-15T10:02:00.000Z' })] }));
      await repository.append(aDispatch({ id: 'c', records: [aRecord({ id: 'mid', createdAt: '2026-01-15T10:01:00.000Z' })] }));

      expect((await repository.list({ limit: 10 })).map((record) => record.id)).toEqual(['new', 'mid', 'old']);
      expect((await repository.list({ limit: 2 })).map((record) => record.id)).toEqual(['new', 'mid']);
    });

    it('selects by phone every record about that customer, team copies included', async () => {
      await repository.append(
        aDispatch({
          id: 'a',
          records: [
            aRecord({ id: 'skipped', customerPhone: '+2250100000002', to: '+2250100000002', status: 'SKIPPED' }),
            aRecord({ id: 'copy', customerPhone: '+2250100000002', to: 'team@example.test', status: 'COPIED' }),
          ],
        }),
      );
      await repository.append(aDispatch({ id: 'b', records: [aRecord({ id: 'other', customerPhone: '+2250100000001' })] }));

      const ids = (await repository.list({ phone: '+2250100000002', limit: 10 })).map((record) => record.id);
      expect(ids.sort()).toEqual(['copy', 'skipped']);
    });

    it('selects by intent id every record about that intent, team copies included', async () => {
      await repository.append(
        aDispatch({
          id: 'a',
          intentId: 'intent-a',
          records: [
            aRecord({ id: 'skipped', intentId: 'intent-a', status: 'SKIPPED' }),
            aRecord({ id: 'copy', intentId: 'intent-a', to: 'team@example.test', status: 'COPIED' }),
          ],
        }),
      );
      await repository.append(aDispatch({ id: 'b', intentId: 'intent-b', records: [aRecord({ id: 'other', intentId: 'intent-b' })] }));

      const ids = (await repository.list({ intentId: 'intent-a', limit: 10 })).map((record) => record.id);
      expect(ids.sort()).toEqual(['copy', 'skipped']);
      expect(await repository.list({ intentId: 'intent-z', limit: 10 })).toEqual([]);
    });

    it('combines the phone and the intent id: concurrent intents of one client stay apart', async () => {
      await repository.append(aDispatch({ id: 'a', intentId: 'intent-a', records: [aRecord({ id: 'a-otp', intentId: 'intent-a', otp: '111111' })] }));
      await repository.append(aDispatch({ id: 'b', intentId: 'intent-b', records: [aRecord({ id: 'b-otp', intentId: 'intent-b', otp: '222222' })] }));
      await repository.append(
        aDispatch({
          id: 'c',
          intentId: 'intent-b',
          records: [aRecord({ id: 'b-other-client', intentId: 'intent-b', customerPhone: '+2250100000002' })],
        }),
      );

      const found = await repository.list({ phone: '+2250100000001', intentId: 'intent-b', limit: 10 });
      expect(found.map((record) => [record.id, record.otp])).toEqual([['b-otp', '222222']]);
    });

    it('lists a record stored without an intent id with the intent of its dispatch', async () => {
      const { intentId: _omitted, ...legacy } = aRecord({ id: 'legacy' });
      await repository.append(aDispatch({ id: 'old', intentId: 'intent-old', records: [legacy] }));

      expect(await repository.list({ intentId: 'intent-old', limit: 10 })).toEqual([{ ...legacy, intentId: 'intent-old' }]);
      expect((await repository.list({ limit: 10 }))[0].intentId).toBe('intent-old');
    });

    it('hands pending outbox entries to the relay until they are marked relayed', async () => {
      const entry = {
        id: 'm-1',
        message: { topic: 't', key: 'intent-1', envelope: aEnvelope() },
      };
      await repository.append(aDispatch({ outbox: [entry] }));
      expect(await repository.pendingOutbox(10)).toEqual([{ documentId: 'otp:otp-1', entries: [entry] }]);

      await repository.markRelayed('otp:otp-1', ['m-1']);
      await repository.markRelayed('otp:otp-1', ['m-1']);
      expect(await repository.pendingOutbox(10)).toEqual([]);
    });

    it('leaves dispatches written after the cutoff to the handler that relays them right away', async () => {
      const entry = { id: 'm-1', message: { topic: 't', key: 'intent-1', envelope: aEnvelope() } };
      await repository.append(aDispatch({ outbox: [entry], createdAt: '2026-01-15T10:00:00.000Z' }));

      expect(await repository.pendingOutbox(10, new Date('2026-01-15T09:59:00.000Z'))).toEqual([]);
      expect(await repository.pendingOutbox(10, new Date('2026-01-15T10:01:00.000Z'))).toHaveLength(1);
    });
  });
}

function aEnvelope(): Envelope {
  return {
    messageId: 'm-1',
    type: 'OtpDispatched',
    version: 1,
    occurredAt: '2026-01-15T10:00:00.000Z',
    correlationId: 'c-1',
    aggregateId: 'intent-1',
    producer: 'notifications',
    payload: { nested: { empty: {} } },
  };
}
