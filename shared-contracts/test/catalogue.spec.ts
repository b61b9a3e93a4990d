import { MESSAGE_CATALOGUE, parseMessage, TOPIC_CATALOGUE, TOPICS } from '../src';

const envelope = (overrides: Record<string, unknown> = {}) => ({
  messageId: 'm-1',
  type: 'SendIntentOtp',
  version: 1,
  occurredAt: '2026-01-15T10:00:00.000Z',
  correlationId: 'c-1',
  aggregateId: 'intent-1',
  producer: 'gateway',
  payload: { intentId: 'intent-1', actor: { userId: 'usr-agent-0001', role: 'AGENT' } },
  ...overrides,
});

describe('parseMessage', () => {
  it('accepts a valid message and returns its typed payload', () => {
    const result = parseMessage(envelope());

    expect(result).toEqual({ ok: true, message: envelope() });
  });

  it('refuses an envelope with a missing field, naming it', () => {
    const { correlationId: _dropped, ...broken } = envelope();

    const result = parseMessage(broken);

    expect(result).toEqual({ ok: false, reason: expect.stringContaining('correlationId') });
  });

  it('refuses an unknown message type', () => {
    expect(parseMessage(envelope({ type: 'Transfer' }))).toEqual({ ok: false, reason: 'unknown message type Transfer' });
  });

  it('refuses a version newer than the one this code knows', () => {
    expect(parseMessage(envelope({ version: 2 }))).toEqual({ ok: false, reason: expect.stringContaining('newer than supported') });
  });

  it('refuses a payload that breaks its schema, naming the field', () => {
    const result = parseMessage(envelope({ type: 'CreateCashOutIntent', payload: { intentId: 'i', amount: 10.5 } }));

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/amount/);
  });

  it('refuses a non-integer amount and a non-E.164 phone in a command', () => {
    const payload = {
      intentId: 'i',
      actor: { userId: 'u', role: 'ADMIN' },
      channel: 'CMMS',
      agentPhone: '0500000001',
      clientPhone: '+2250100000001',
      amount: 1.5,
      currency: 'XOF',
    };

    const result = parseMessage(envelope({ type: 'CreateCashOutIntent', payload }));

    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toMatch(/agentPhone/);
      expect(result.reason).toMatch(/amount/);
    }
  });
});

describe('catalogues', () => {
  it('puts every message type on a declared topic', () => {
    const declared = new Set(TOPIC_CATALOGUE.map((spec) => spec.name));
    for (const [type, entry] of Object.entries(MESSAGE_CATALOGUE)) {
      expect({ type, declared: declared.has(entry.topic) }).toEqual({ type, declared: true });
    }
  });

  it('declares every topic once, including the dead-letter topic', () => {
    const names = TOPIC_CATALOGUE.map((spec) => spec.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain(TOPICS.deadLetter);
  });
});
