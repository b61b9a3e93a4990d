import { parseMessage } from '../src';

const listIntents = (payload: Record<string, unknown>) => ({
  messageId: 'm-1',
  type: 'ListIntents',
  version: 1,
  occurredAt: '2026-01-15T10:00:00.000Z',
  correlationId: 'c-1',
  aggregateId: 'usr-admin-0001',
  producer: 'gateway',
  payload: { actor: { userId: 'usr-admin-0001', role: 'ADMIN' }, limit: 20, ...payload },
});

describe('ListIntents', () => {
  it('still reads a version 1 payload without any filter (the filters are optional additions)', () => {
    expect(parseMessage(listIntents({}))).toMatchObject({ ok: true });
    expect(parseMessage(listIntents({ status: 'SUCCEEDED', cursor: 'abc' }))).toMatchObject({ ok: true });
  });

  it('carries the filters: phones, UTC days', () => {
    const filters = { agentPhone: '+2250500000001', clientPhone: '+2250100000001', from: '2026-11-01', to: '2026-11-27' };

    const result = parseMessage(listIntents(filters));

    expect(result).toMatchObject({ ok: true, message: { payload: filters } });
  });

  it.each([
    ['agentPhone', '0500000001'],
    ['clientPhone', '+0100000001'],
    ['from', '2026-02-30'],
    ['to', '27/11/2026'],
  ])('refuses a bad %s, naming it', (field, value) => {
    const result = parseMessage(listIntents({ [field]: value }));

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(field);
  });
});
