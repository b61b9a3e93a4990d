import { NotificationRecord } from '@cashout/shared-contracts';
import { NotificationDispatch, NotificationRecordRepository } from '../src/notification-record.repository.port';

let sequence = 0;

export function aRecord(overrides: Partial<NotificationRecord> = {}): NotificationRecord {
  sequence += 1;
  return {
    id: `rec-${sequence}`,
    to: '+2250100000001',
    customerPhone: '+2250100000001',
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

/** The behaviour every adapter of the port must show (in-memory today, MongoDB later). */
export function notificationRecordRepositoryContract(name: string, create: () => Promise<NotificationRecordRepository>) {
  describe(`${name} (NotificationRecordRepository contract)`, () => {
    let repository: NotificationRecordRepository;

    beforeEach(async () => {
      repository = await create();
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

    it('hands pending outbox entries to the relay until they are marked relayed', async () => {
      const entry = {
        id: 'm-1',
        message: { topic: 't', key: 'intent-1', envelope: aEnvelope() },
      };
      await repository.append(aDispatch({ outbox: [entry] }));
      expect(await repository.pendingOutbox(10)).toEqual([{ documentId: 'otp:otp-1', entries: [entry] }]);

      await repository.markRelayed('otp:otp-1', ['m-1']);
      expect(await repository.pendingOutbox(10)).toEqual([]);
      expect((await repository.findByOtpId('otp-1'))?.outbox).toEqual([]);
    });
  });
}

function aEnvelope() {
  return {
    messageId: 'm-1',
    type: 'OtpDispatched',
    version: 1,
    occurredAt: '2026-01-15T10:00:00.000Z',
    correlationId: 'c-1',
    aggregateId: 'intent-1',
    producer: 'notifications',
    payload: {},
  };
}
