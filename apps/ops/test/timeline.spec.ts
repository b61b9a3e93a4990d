import { buildTimeline, entryOf, formatTimeline, TopicRecord } from '../src/timeline/timeline';

const INTENT = 'intent-7';

let offset = 0;
function record(topic: string, partition: number, key: string, envelope: Record<string, unknown>): TopicRecord {
  offset += 1;
  const value = JSON.stringify({
    messageId: `m-${offset}`,
    version: 1,
    correlationId: 'corr-1',
    aggregateId: INTENT,
    producer: 'ledger-wallets',
    payload: {},
    ...envelope,
  });
  return { topic, partition, offset: String(envelope.offset ?? offset), key, value };
}

describe('the timeline of an intent', () => {
  const created = record('cashout.intent.commands', 2, INTENT, { type: 'CreateCashOutIntent', producer: 'gateway', occurredAt: '2026-11-27T10:00:00.000Z' });
  const stateCreated = record('cashout.intent.events', 2, INTENT, {
    type: 'IntentStateChanged',
    occurredAt: '2026-11-27T10:00:00.200Z',
    causationId: 'm-1',
    payload: { to: 'CREATED', intent: {} },
  });
  // The ledger's commands are keyed by wallet: found by the payload's intentId.
  const hold = record('cashout.ledger.commands', 4, 'wallet-9', {
    type: 'PlaceHold',
    occurredAt: '2026-11-27T10:00:01.000Z',
    aggregateId: 'wallet-9',
    payload: { intentId: INTENT },
  });
  const processing = record('cashout.intent.events', 2, INTENT, {
    type: 'IntentStateChanged',
    occurredAt: '2026-11-27T10:00:01.000Z',
    payload: { from: 'CREATED', to: 'PROCESSING', intent: {} },
  });
  const other = record('cashout.intent.events', 1, 'intent-8', {
    type: 'IntentStateChanged',
    occurredAt: '2026-11-27T10:00:00.500Z',
    aggregateId: 'intent-8',
    payload: { to: 'CREATED' },
  });

  it('orders by occurredAt as an instant, then topic, partition and offset', () => {
    const offsetZone = record('cashout.risk.events', 0, INTENT, {
      type: 'CashOutEvaluated',
      producer: 'risk-engine',
      occurredAt: '2026-11-27T11:00:00.500+01:00',
    });
    const timeline = buildTimeline(INTENT, [processing, hold, other, offsetZone, stateCreated, created]);
    expect(timeline.entries.map((entry) => entry.type)).toEqual([
      'CreateCashOutIntent',
      'IntentStateChanged',
      'CashOutEvaluated',
      'IntentStateChanged',
      'PlaceHold',
    ]);
    // Same instant: cashout.intent.events before cashout.ledger.commands.
    expect(timeline.entries.slice(3).map((entry) => entry.topic)).toEqual(['cashout.intent.events', 'cashout.ledger.commands']);
    expect(timeline.scanned).toBe(6);
  });

  it('keeps producer, correlation and causation, and the status after each state change', () => {
    const [first, second, third] = buildTimeline(INTENT, [created, stateCreated, processing]).entries;
    expect(first).toEqual({
      occurredAt: '2026-11-27T10:00:00.000Z',
      topic: 'cashout.intent.commands',
      partition: 2,
      offset: created.offset,
      type: 'CreateCashOutIntent',
      producer: 'gateway',
      messageId: 'm-1',
      correlationId: 'corr-1',
    });
    expect(second).toMatchObject({ causationId: 'm-1', status: 'CREATED' });
    expect(second.statusFrom).toBeUndefined();
    expect(third).toMatchObject({ statusFrom: 'CREATED', status: 'PROCESSING' });
  });

  it('breaks ties on the same partition by offset, numerically', () => {
    const at = '2026-11-27T10:00:00.000Z';
    const tenth = record('cashout.intent.events', 0, INTENT, { type: 'B', occurredAt: at, offset: 10 });
    const ninth = record('cashout.intent.events', 0, INTENT, { type: 'A', occurredAt: at, offset: 9 });
    expect(buildTimeline(INTENT, [tenth, ninth]).entries.map((entry) => entry.offset)).toEqual(['9', '10']);
  });

  it('counts what is no envelope and skips tombstones and other intents', () => {
    const garbage: TopicRecord = { topic: 't', partition: 0, offset: '1', key: INTENT, value: 'not json' };
    const invalid: TopicRecord = { topic: 't', partition: 0, offset: '2', key: INTENT, value: JSON.stringify({ type: 'X' }) };
    const tombstone: TopicRecord = { topic: 't', partition: 0, offset: '3', key: INTENT, value: null };
    expect(entryOf(garbage, INTENT)).toBe('unreadable');
    expect(entryOf(tombstone, INTENT)).toBeNull();
    expect(entryOf(other, INTENT)).toBeNull();
    const timeline = buildTimeline(INTENT, [garbage, invalid, tombstone, other]);
    expect(timeline).toMatchObject({ entries: [], scanned: 4, unreadable: 2 });
  });

  it('formats one aligned line a message, the status change at the end', () => {
    const lines = formatTimeline(buildTimeline(INTENT, [created, processing]));
    expect(lines[0]).toBe('intent intent-7: 2 message(s) on 2 topic(s), 2 record(s) read');
    const cells = lines.slice(1).map((line) => line.split(/ {2,}/));
    expect(cells).toEqual([
      ['2026-11-27T10:00:00.000Z', 'CreateCashOutIntent', 'gateway', `cashout.intent.commands/2@${created.offset}`, 'corr corr-1', 'cause -'],
      [
        '2026-11-27T10:00:01.000Z',
        'IntentStateChanged',
        'ledger-wallets',
        `cashout.intent.events/2@${processing.offset}`,
        'corr corr-1',
        'cause -',
        'CREATED → PROCESSING',
      ],
    ]);
    // Aligned: each column starts at the same place on every line.
    expect(lines[1].indexOf('cashout.')).toBe(lines[2].indexOf('cashout.'));
    expect(lines[1].indexOf('corr ')).toBe(lines[2].indexOf('corr '));
    expect(formatTimeline(buildTimeline(INTENT, []))).toEqual(['intent intent-7: 0 message(s) on 0 topic(s), 0 record(s) read']);
  });
});
