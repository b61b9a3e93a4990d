import { deadLetterOf, matchesAll, parseDeadLetterId, parseFilter, parseMarker, Redrive, redriveHeaders } from '../src/dlq/dead-letter';
import { detailOf, formatList, formatRedrive, formatShow, redriveReportOf, truncate } from '../src/dlq/dlq.format';
import { isSecretName, redact, redactHeaders } from '../src/dlq/redact';
import type { ReadRecord } from '../src/timeline/read-topics';

const DLQ = 'cashout.dead-letter';

const envelope = (type: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    messageId: 'm-1',
    type,
    version: 3,
    occurredAt: '2026-11-27T10:00:00.000Z',
    correlationId: 'corr-1',
    aggregateId: 'intent-1',
    producer: 'ledger-wallets',
    payload: { from: 'CREATED', to: 'OTP_SENT' },
    ...extra,
  });

function record(offset: number, value: string | null, headers: Record<string, string> = {}, key: string | null = 'intent-1'): ReadRecord {
  return {
    topic: DLQ,
    partition: 0,
    offset: String(offset),
    key,
    value,
    timestamp: '2026-11-27T10:00:05.000Z',
    headers: {
      'x-correlation-id': 'corr-1',
      'x-dlt-reason': 'IntentStateChanged v3 is newer than supported v2',
      'x-dlt-topic': 'cashout.intent.events',
      'x-dlt-partition': '4',
      'x-dlt-offset': '120',
      'x-dlt-group': 'reporting',
      'x-dlt-attempts': '1',
      ...headers,
    },
  };
}

const none = new Map<string, Redrive>();

describe('a dead letter', () => {
  it('is read from its record: where it came from, why, and what the envelope says', () => {
    expect(deadLetterOf(record(7, envelope('IntentStateChanged')), none)).toEqual({
      id: '0:7',
      partition: 0,
      offset: '7',
      deadLetteredAt: '2026-11-27T10:00:05.000Z',
      source: { topic: 'cashout.intent.events', partition: 4, offset: '120' },
      group: 'reporting',
      attempts: 1,
      reason: 'IntentStateChanged v3 is newer than supported v2',
      type: 'IntentStateChanged',
      aggregateId: 'intent-1',
      intentId: null,
      key: 'intent-1',
      value: envelope('IntentStateChanged'),
      headers: expect.objectContaining({ 'x-correlation-id': 'corr-1', 'x-dlt-group': 'reporting' }),
      redriven: null,
    });
  });

  it('has no type or ids when its value is not JSON or not an envelope, and nulls for missing headers', () => {
    const notJson = deadLetterOf(record(1, '{oops', { 'x-dlt-reason': 'value is not JSON' }), none);
    expect(notJson).toMatchObject({ type: null, aggregateId: null, intentId: null, reason: 'value is not JSON' });
    const array = deadLetterOf(record(2, '[1,2]'), none);
    expect(array.type).toBeNull();
    const bare: ReadRecord = { ...record(3, null), headers: {} };
    expect(deadLetterOf(bare, none)).toMatchObject({ source: { topic: null, partition: null, offset: null }, group: null, attempts: null, reason: null });
  });

  it('takes the payload intentId of a message keyed by something else, and its re-drive marker', () => {
    const hold = record(4, envelope('PlaceHold', { aggregateId: 'wallet-9', payload: { intentId: 'intent-1' } }), {}, 'wallet-9');
    const markers = new Map([['0:4', { redrivenAt: '2026-11-27T11:00:00.000Z', topic: 'cashout.ledger.commands' }]]);
    expect(deadLetterOf(hold, markers)).toMatchObject({ aggregateId: 'wallet-9', intentId: 'intent-1', redriven: { redrivenAt: '2026-11-27T11:00:00.000Z' } });
  });

  it('goes back with its original headers, without x-dlt-*, and where it came from', () => {
    expect(redriveHeaders(deadLetterOf(record(9, envelope('X')), none))).toEqual({ 'x-correlation-id': 'corr-1', 'x-redriven-from': '0:9' });
  });
});

describe('dlq filters', () => {
  const letter = deadLetterOf(record(7, envelope('IntentStateChanged')), none);
  const held = deadLetterOf(record(8, envelope('PlaceHold', { aggregateId: 'wallet-9', payload: { intentId: 'intent-2' } }), {}, 'wallet-9'), none);
  const filters = (...specs: string[]) =>
    specs.map((spec) => {
      const filter = parseFilter(spec);
      if (typeof filter === 'string') throw new Error(filter);
      return filter;
    });

  it('match group, topic and type exactly, the reason by case-insensitive substring', () => {
    expect(matchesAll(letter, filters('group=reporting', 'topic=cashout.intent.events', 'type=IntentStateChanged'))).toBe(true);
    expect(matchesAll(letter, filters('group=report'))).toBe(false);
    expect(matchesAll(letter, filters('reason=NEWER THAN supported'))).toBe(true);
    expect(matchesAll(letter, filters('reason=retries'))).toBe(false);
  });

  it('must all match; none selects everything', () => {
    expect(matchesAll(letter, [])).toBe(true);
    expect(matchesAll(letter, filters('group=reporting', 'type=PlaceHold'))).toBe(false);
  });

  it('find an intent by aggregate, payload intentId or key', () => {
    expect(matchesAll(letter, filters('intent=intent-1'))).toBe(true);
    expect(matchesAll(held, filters('intent=intent-2'))).toBe(true);
    expect(matchesAll(held, filters('intent=wallet-9'))).toBe(true);
    expect(matchesAll(held, filters('intent=intent-1'))).toBe(false);
  });

  it('keep a value with = in it, and refuse malformed or unknown keys', () => {
    expect(parseFilter('reason=a=b')).toEqual({ field: 'reason', value: 'a=b' });
    expect(parseFilter('group')).toMatch(/takes key=value/);
    expect(parseFilter('=x')).toMatch(/takes key=value/);
    expect(parseFilter('partition=1')).toBe('--filter key partition is not one of group, topic, type, reason, intent');
    expect(parseFilter('type=')).toBe('--filter type= needs a value');
  });
});

describe('ids and markers', () => {
  it('reads partition:offset ids', () => {
    expect(parseDeadLetterId('0:12')).toEqual({ partition: 0, offset: '12' });
    expect(parseDeadLetterId('0:012')).toEqual({ partition: 0, offset: '12' });
    expect(parseDeadLetterId('12')).toBeNull();
    expect(parseDeadLetterId('a:1')).toBeNull();
  });

  it('marks only the dead letter it was written for, not one at the same id of a topic made anew', () => {
    const mark = (deadLetteredAt?: string) =>
      new Map([['0:4', { redrivenAt: '2026-11-27T11:00:00.000Z', topic: 't', ...(deadLetteredAt ? { deadLetteredAt } : {}) }]]);
    expect(deadLetterOf(record(4, null), mark('2026-11-27T10:00:05.000Z')).redriven).toEqual({ redrivenAt: '2026-11-27T11:00:00.000Z', topic: 't' });
    expect(deadLetterOf(record(4, null), mark('2026-11-20T09:00:00.000Z')).redriven).toBeNull();
    expect(deadLetterOf(record(4, null), mark()).redriven).toEqual({ redrivenAt: '2026-11-27T11:00:00.000Z', topic: 't' });
  });

  it('reads a marker, and ignores what is none', () => {
    expect(parseMarker('{"redrivenAt":"a","topic":"t","deadLetteredAt":"b"}')).toEqual({ redrivenAt: 'a', topic: 't', deadLetteredAt: 'b' });
    expect(parseMarker('{"redrivenAt":"2026-11-27T11:00:00.000Z","topic":"t"}')).toEqual({ redrivenAt: '2026-11-27T11:00:00.000Z', topic: 't' });
    expect(parseMarker('{"topic":"t"}')).toBeNull();
    expect(parseMarker(null)).toBeNull();
  });
});

describe('redaction', () => {
  it.each([
    'pin',
    'PIN',
    'sealedPin',
    'otp',
    'sealedOtp',
    'code',
    'otpCode',
    'password',
    'newPassword',
    'token',
    'qrToken',
    'clientQrToken',
    'sealed_access_token',
    'x-auth-token',
    'secret',
    'clientSecret',
  ])('redacts %s', (name) => expect(isSecretName(name)).toBe(true));

  it.each(['otpId', 'tokenVersion', 'pinAttempts', 'amount', 'agentPhone', 'shipping', 'opinion', 'intentId', 'x-dlt-reason'])('keeps %s', (name) =>
    expect(isSecretName(name)).toBe(false),
  );

  it('replaces secret values at any depth, arrays included, and keeps the rest', () => {
    const value = {
      type: 'VerifyIntentPin',
      payload: { intentId: 'i-1', sealedPin: 'abc', nested: [{ otp: '123456', otpId: 'o-1' }], qrToken: { any: 'shape' } },
    };
    expect(redact(value)).toEqual({
      type: 'VerifyIntentPin',
      payload: { intentId: 'i-1', sealedPin: '[redacted]', nested: [{ otp: '[redacted]', otpId: 'o-1' }], qrToken: '[redacted]' },
    });
    expect(value.payload.sealedPin).toBe('abc');
    expect(redactHeaders({ 'x-auth-token': 't', 'x-correlation-id': 'c' })).toEqual({ 'x-auth-token': '[redacted]', 'x-correlation-id': 'c' });
  });
});

describe('dlq output', () => {
  const letter = deadLetterOf(record(7, envelope('VerifyIntentPin', { payload: { intentId: 'intent-1', sealedPin: 'p-secret' } })), none);
  const redriven = {
    ...deadLetterOf(record(8, envelope('IntentStateChanged')), none),
    redriven: { redrivenAt: '2026-11-27T11:00:00.000Z', topic: 'cashout.intent.events' },
  };

  it('truncates long reasons with an ellipsis', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });

  it('lists one row per dead letter with its source, reason and re-drive status', () => {
    const long = { ...letter, id: '0:9', reason: `handler failed: ${'x'.repeat(200)}` };
    const lines = formatList({ topic: DLQ, exists: true, letters: [letter, redriven, long] }, [letter, redriven, long]);
    expect(lines[0]).toBe(`3 dead letter(s) on ${DLQ}, 1 re-driven`);
    expect(lines[1]).toMatch(/^id\s+dead-lettered\s+source\s+group\s+attempts\s+type\s+intent\/aggregate\s+reason\s+re-driven$/);
    expect(lines[2]).toContain('0:7  2026-11-27T10:00:05.000Z  cashout.intent.events[4]@120  reporting');
    expect(lines[2]).toContain('VerifyIntentPin');
    expect(lines[2]).toMatch(/IntentStateChanged v3 is newer than supported v2\s+no$/);
    expect(lines[3]).toMatch(/2026-11-27T11:00:00.000Z$/);
    expect(lines[4]).toContain(`handler failed: ${'x'.repeat(43)}…`);
    expect(lines[4]).not.toContain('x'.repeat(50));
    expect(formatList({ topic: DLQ, exists: true, letters: [letter, redriven] }, [redriven])[0]).toBe(
      `1 dead letter(s) on ${DLQ} matching (of 2), 1 re-driven`,
    );
    expect(formatList({ topic: DLQ, exists: false, letters: [] }, [])).toEqual([`no topic ${DLQ} on this cluster: nothing was ever dead-lettered`]);
  });

  it('shows one whole, with its headers, key and pretty value, secrets redacted', () => {
    const detail = detailOf(DLQ, letter);
    expect(detail.value).toMatchObject({ payload: { intentId: 'intent-1', sealedPin: '[redacted]' } });
    const text = formatShow(detail).join('\n');
    expect(text).not.toContain('p-secret');
    expect(text).toContain(`dead letter 0:7 on ${DLQ}, dead-lettered 2026-11-27T10:00:05.000Z`);
    expect(text).toContain('  reason     IntentStateChanged v3 is newer than supported v2');
    expect(text).toContain('  re-driven  no');
    expect(text).toContain('  x-dlt-group: reporting');
    expect(text).toContain('  x-correlation-id: corr-1');
    expect(text).toContain('key intent-1');
    expect(text).toContain('      "sealedPin": "[redacted]"');
    // x-dlt-* first, then the original headers.
    expect(text.indexOf('x-dlt-attempts')).toBeLessThan(text.indexOf('x-correlation-id'));
    expect(formatShow(detailOf(DLQ, redriven)).join('\n')).toContain('  re-driven  2026-11-27T11:00:00.000Z to cashout.intent.events');
    const raw = formatShow(detailOf(DLQ, deadLetterOf(record(3, 'pin=1234'), none)));
    expect(raw.slice(-2)).toEqual(['value (not JSON)', '  pin=1234']);
  });

  it('reports a re-drive: how many, skipped, and the list', () => {
    const report = redriveReportOf({ topic: DLQ, dryRun: false, redriven: [letter], alreadyRedriven: [redriven], unroutable: [] });
    expect(report).toMatchObject({ redriven: 1, skippedAlreadyRedriven: 1, unroutable: 0, letters: [{ id: '0:7', to: 'cashout.intent.events' }] });
    const lines = formatRedrive(report);
    expect(lines[0]).toBe(`re-drove 1 dead letter(s) from ${DLQ}; skipped 1 already re-driven`);
    expect(lines[2]).toMatch(/^ {2}0:7\s+cashout.intent.events\s+VerifyIntentPin\s+intent-1\s+reporting/);
    const dry = formatRedrive(redriveReportOf({ topic: DLQ, dryRun: true, redriven: [], alreadyRedriven: [], unroutable: [letter] }));
    expect(dry).toEqual([
      `would re-drive 0 dead letter(s) from ${DLQ}; skipped 0 already re-driven, 1 with no topic to go back to (no x-dlt-topic, or the topic is gone) (dry run, nothing changed)`,
    ]);
  });
});
