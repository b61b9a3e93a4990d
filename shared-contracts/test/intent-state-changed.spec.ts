import { intentTransitionMark, IntentView, MESSAGE_CATALOGUE, parseMessage } from '../src';

/** A view after three public transitions, as the ledger's toView writes it. */
const view: IntentView = {
  id: 'intent-0001',
  referenceId: 'CO-20261127-0001',
  type: 'CASH_OUT',
  status: 'OTP_VERIFIED',
  channel: 'CMMS',
  amount: 10_000,
  currency: 'XOF',
  fees: 100,
  totalDebit: 10_100,
  commission: 50,
  agent: { userId: 'usr-agent-0001', phone: '+2250700000001' },
  client: { userId: 'usr-client-0001', phone: '+2250100000001' },
  initiatorUserId: 'usr-agent-0001',
  createdBy: 'usr-agent-0001',
  otp: { channel: 'SMS', expiresAt: '2026-11-27T10:05:01.000Z', attemptsLeft: 3, resendsLeft: 2 },
  expiresAt: '2026-11-27T10:15:00.000Z',
  createdAt: '2026-11-27T10:00:00.000Z',
  updatedAt: '2026-11-27T10:00:09.000Z',
  history: [
    { status: 'CREATED', at: '2026-11-27T10:00:00.000Z', actor: 'usr-agent-0001' },
    { status: 'OTP_SENT', at: '2026-11-27T10:00:01.000Z', actor: 'usr-agent-0001' },
    { status: 'OTP_VERIFIED', at: '2026-11-27T10:00:08.000Z', actor: 'usr-client-0001' },
  ],
};

/** The v1 payload, as the ledger published it before v2: no sequence, no at. */
const v1Payload = { from: 'OTP_SENT', to: 'OTP_VERIFIED', intent: view };

const envelope = (version: number, payload: unknown) => ({
  messageId: 'm-isc-1',
  type: 'IntentStateChanged',
  version,
  occurredAt: '2026-11-27T10:00:08.004Z',
  correlationId: 'c-isc-1',
  causationId: 'cmd-verify-otp',
  aggregateId: view.id,
  producer: 'ledger-wallets',
  payload,
});

describe('IntentStateChanged versions', () => {
  it('is at version 2 in the catalogue: producers write v2', () => {
    expect(MESSAGE_CATALOGUE.IntentStateChanged.version).toBe(2);
  });

  it('upcasts a v1 event to v2: sequence is the history length, at the last entry’s time', () => {
    const result = parseMessage(envelope(1, v1Payload));

    expect(result).toEqual({
      ok: true,
      message: envelope(2, { ...v1Payload, sequence: 3, at: '2026-11-27T10:00:08.000Z' }),
    });
  });

  it('derives from a v1 event what the producer writes in v2', () => {
    const result = parseMessage(envelope(1, v1Payload));

    expect(result.ok && result.message.type === 'IntentStateChanged' && result.message.payload).toMatchObject(intentTransitionMark(view));
  });

  it('falls back to the view’s updatedAt when the history has no time to give', () => {
    const emptied = { ...v1Payload, intent: { ...view, history: [] } };

    const mark = intentTransitionMark(emptied.intent);
    const result = parseMessage(envelope(1, emptied));

    expect(mark).toEqual({ sequence: 0, at: view.updatedAt });
    // An event always follows a transition, so an empty history is refused, by the schema.
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('sequence') });
  });

  it('parses a v2 event unchanged', () => {
    const v2 = envelope(2, { ...v1Payload, reason: 'otp ok', sequence: 3, at: '2026-11-27T10:00:08.000Z' });

    expect(parseMessage(v2)).toEqual({ ok: true, message: v2 });
  });

  it('refuses a v2 event without its sequence, naming it: only v1 is upcast', () => {
    const result = parseMessage(envelope(2, { ...v1Payload, at: '2026-11-27T10:00:08.000Z' }));

    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^invalid IntentStateChanged payload: sequence: /) });
  });

  it('refuses a v3 event as newer than supported (dead-lettered until the consumer is upgraded)', () => {
    const result = parseMessage(envelope(3, { ...v1Payload, sequence: 3, at: '2026-11-27T10:00:08.000Z' }));

    expect(result).toEqual({ ok: false, reason: 'IntentStateChanged v3 is newer than supported v2' });
  });

  it.each([
    ['no object', 'OTP_VERIFIED', /\(root\)/],
    ['null', null, /\(root\)/],
    ['no view', { to: 'OTP_VERIFIED' }, /intent: /],
    ['a view without history', { to: 'OTP_VERIFIED', intent: { ...view, history: undefined } }, /intent\.history/],
    ['a history that is no list', { to: 'OTP_VERIFIED', intent: { ...view, history: 'CREATED' } }, /intent\.history/],
    ['history entries that are no objects', { to: 'OTP_VERIFIED', intent: { ...view, history: [1, 2], updatedAt: 7 } }, /intent\.history\.0/],
  ])('refuses a malformed v1 event (%s) with a reason, never an exception', (_case, payload, named) => {
    let result: ReturnType<typeof parseMessage> | undefined;

    expect(() => {
      result = parseMessage(envelope(1, payload));
    }).not.toThrow();
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^invalid IntentStateChanged payload: /) });
    if (result && !result.ok) expect(result.reason).toMatch(named);
  });
});
