import { InMemoryNotificationRecordRepository } from '../src/infrastructure/in-memory-notification-record.repository';
import { aDispatch, aRecord, describeNotificationRecordRepositoryContract } from './notification-record.repository.contract';

describeNotificationRecordRepositoryContract('InMemoryNotificationRecordRepository', async () => ({
  repository: new InMemoryNotificationRecordRepository(),
  close: async () => undefined,
}));

describe('the embedded sandbox log (bounded)', () => {
  const dispatchOf = (n: number, phone = '+2250100000001') =>
    aDispatch({
      id: `otp:otp-${n}`,
      otpId: `otp-${n}`,
      intentId: `intent-${n}`,
      records: [aRecord({ intentId: `intent-${n}`, customerPhone: phone, createdAt: `2026-01-15T10:00:0${n}.000Z` })],
    });

  it('keeps the most recent dispatches up to its size: the oldest is no longer listed nor found', async () => {
    const log = new InMemoryNotificationRecordRepository(2);
    for (const n of [1, 2, 3]) await log.append(dispatchOf(n));

    expect((await log.list({ phone: '+2250100000001', limit: 10 })).map((record) => record.intentId)).toEqual(['intent-3', 'intent-2']);
    expect(await log.list({ intentId: 'intent-1', limit: 10 })).toEqual([]);
    expect(await log.findByOtpId('otp-1')).toBeUndefined();
    expect(await log.findByOtpId('otp-3')).toBeDefined();
  });

  it('never lets go of a dispatch whose outcome is not relayed yet', async () => {
    const log = new InMemoryNotificationRecordRepository(1);
    const outcome = { topic: 't', key: 'k', envelope: { messageId: 'm-1' } } as never;
    await log.append({ ...dispatchOf(1), outbox: [{ id: 'm-1', message: outcome }] });
    await log.append(dispatchOf(2));
    await log.append(dispatchOf(3));

    expect(await log.findByOtpId('otp-1')).toBeDefined();
    expect((await log.pendingOutbox(10)).map((batch) => batch.documentId)).toEqual(['otp:otp-1']);
    expect(await log.findByOtpId('otp-2')).toBeUndefined();
    expect(await log.findByOtpId('otp-3')).toBeDefined();
  });

  it('lists by phone only the records about that customer, from the index', async () => {
    const log = new InMemoryNotificationRecordRepository(10);
    await log.append(dispatchOf(1, '+2250100000001'));
    await log.append(dispatchOf(2, '+2250100000002'));

    expect((await log.list({ phone: '+2250100000002', limit: 10 })).map((record) => record.intentId)).toEqual(['intent-2']);
    expect(await log.list({ phone: '+2250100000009', limit: 10 })).toEqual([]);
  });
});
